// Request parts are typed by the route's TypeBox schemas (type provider), so a cast of one
// (`req.body as {...}`, `(request.query as Q).purpose`, `<X>req.params`) hides a missing or wrong schema.
const PARTS = new Set(['params', 'query', 'body', 'headers']);

function requestPart(node) {
  let expr = node;
  while (expr.type === 'TSNonNullExpression' || expr.type === 'ChainExpression') expr = expr.expression;
  if (expr.type !== 'MemberExpression' || expr.computed || expr.property.type !== 'Identifier') return null;
  return PARTS.has(expr.property.name) ? expr.property.name : null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbids casting a request part (params, query, body, headers); declare its schema instead' },
    schema: [],
    messages: { cast: "Do not cast '{{part}}' of a request: declare its schema on the route and let the type provider type it." },
  },
  create(context) {
    const check = (node) => {
      const part = requestPart(node.expression);
      if (part) context.report({ node, messageId: 'cast', data: { part } });
    };
    return { TSAsExpression: check, TSTypeAssertion: check };
  },
};
