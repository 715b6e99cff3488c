/**
 * Renders a MonthlyReport as a Word document in the layout of Vietnamese administrative documents
 * (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman, the two-column header, numbered
 * sections, the model table, the charts as pictures, and the recipients / signature block.
 */
import {
  AlignmentType, Document, Header, ImageRun, Packer, PageNumber, Paragraph, TextRun, type FileChild,
} from 'docx';
import {
  A4_MM, CLOSING_LEFT_SHARE, HEADER_LEFT_SHARE, MARGIN_MM, MODEL_COLUMNS_MM, SIZE, TEXT_WIDTH_MM, mmToPx96, mmToTwip,
} from './layout.js';
import {
  MODEL_TABLE_HEADER, NATIONAL_MOTTO, NOTHING_REPORTED, RECIPIENTS_HEADING, SECTION_HEADINGS, chartCaption, chartUnitLine,
  formatCount, highlightLines, modelRowCells, recipientLines, sectionParagraphs, upper, type Cell,
} from './format.js';
import { FONT, bodyParagraph, dataTable, layoutTable, line, rule, ruleUnder, run, sectionHeading } from './docx-parts.js';
import { renderChartPng } from './chart-png.js';
import type { MonthlyReport, ReportChart } from './types.js';

const headerColumns = (): number[] => [TEXT_WIDTH_MM * HEADER_LEFT_SHARE, TEXT_WIDTH_MM * (1 - HEADER_LEFT_SHARE)];
const closingColumns = (): number[] => [TEXT_WIDTH_MM * CLOSING_LEFT_SHARE, TEXT_WIDTH_MM * (1 - CLOSING_LEFT_SHARE)];

/** Issuer and national name side by side, each with its rule; number and place-and-date on the row below. */
function headerBlock(report: MonthlyReport): FileChild {
  const [leftMm, rightMm] = headerColumns();
  const lastIssuer = upper(report.issuer[report.issuer.length - 1] ?? '');
  const issuer = report.issuer.map((text, i) =>
    line(upper(text), { size: SIZE.header, style: i === report.issuer.length - 1 ? 'bold' : 'regular' }));
  // Phụ lục I: the issuer's rule is a third to a half of its line; the motto's rule is as long as the motto.
  const left = [...issuer, rule(ruleUnder(lastIssuer, SIZE.header, 0.4, leftMm), leftMm, true)];
  const right = [
    line(NATIONAL_MOTTO.name, { size: SIZE.nationalName, style: 'bold' }),
    line(NATIONAL_MOTTO.motto, { size: SIZE.header, style: 'bold' }),
    rule(ruleUnder(NATIONAL_MOTTO.motto, SIZE.header, 1, rightMm), rightMm, true),
  ];
  const numberLine = [line(report.number, { size: SIZE.header, before: 120 })];
  const dateLine = [line(report.placeAndDate, { size: SIZE.header, style: 'italic', before: 120 })];
  return layoutTable([leftMm, rightMm], [[left, right], [numberLine, dateLine]]);
}

function titleBlock(report: MonthlyReport): Paragraph[] {
  return [
    line(upper(report.kind), { style: 'bold', before: 360 }),
    line(report.title, { style: 'bold' }),
    rule(ruleUnder(report.title, SIZE.body, 0.4, TEXT_WIDTH_MM * 0.45, 20), TEXT_WIDTH_MM, false),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];
}

/**
 * The chart picture, drawn at print resolution with its labels and values (chart-png.ts); the alt
 * text repeats every bar for screen readers.
 */
function chartBlock(chart: ReportChart, index: number): FileChild[] {
  const heading = [
    line(chartCaption(chart, index), { style: 'bold', size: SIZE.header, before: 240, after: 0, keepNext: true }),
    line(chartUnitLine(chart), { style: 'italic', size: SIZE.table, after: 120, keepNext: true }),
  ];
  if (chart.bars.length === 0) return [...heading, line(NOTHING_REPORTED, { style: 'italic', size: SIZE.table })];

  const image = renderChartPng(chart);
  const widthPx = mmToPx96(image.widthMm);
  const heightPx = Math.round((image.heightPx / image.widthPx) * widthPx);
  const picture = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120 },
    children: [new ImageRun({
      type: 'png',
      data: image.data,
      transformation: { width: widthPx, height: heightPx },
      altText: { name: `bieu-do-${index + 1}`, title: chart.title, description: chart.bars.map((b) => `${b.label}: ${formatCount(b.value)}`).join('; ') },
    })],
  });
  return [...heading, picture];
}

function modelsSection(report: MonthlyReport): FileChild[] {
  const children: FileChild[] = [sectionHeading(SECTION_HEADINGS.models)];
  if (report.models.length === 0) {
    children.push(bodyParagraph('Chưa có mô hình nào trong kế hoạch của kỳ báo cáo.'));
  } else {
    const header: Cell[] = MODEL_TABLE_HEADER.map((text) => [{ text, style: 'bold', align: 'center' }]);
    children.push(dataTable(MODEL_COLUMNS_MM, header, report.models.map((row, i) => modelRowCells(row, i))));
  }
  report.charts.forEach((chart, i) => children.push(...chartBlock(chart, i)));
  return children;
}

/** Room for the signature and seal above the signer's name (about 25 mm). */
const SIGNATURE_SPACE_TWIP = 1440;

/** Recipients on the left, signature on the right; the empty lines leave room for the signature and seal. */
function closingBlock(report: MonthlyReport): FileChild {
  const recipients = [
    line(RECIPIENTS_HEADING, { style: 'boldItalic', size: SIZE.recipientsHeading, align: 'left' }),
    ...recipientLines(report.recipients).map((text) => line(text, { size: SIZE.recipients, align: 'left' })),
  ];
  const { authority, title, name } = report.signature;
  const signature = [
    ...[...authority, title].filter((l) => l.trim()).map((text) => line(upper(text), { style: 'bold' })),
    line(name || ' ', { style: 'bold', before: SIGNATURE_SPACE_TWIP }),
  ];
  return layoutTable(closingColumns(), [[recipients, signature]]);
}

function bodyChildren(report: MonthlyReport): FileChild[] {
  const paragraphs = (texts: string[]): Paragraph[] => texts.map((t) => bodyParagraph(t));
  const children: FileChild[] = [
    headerBlock(report),
    ...titleBlock(report),
    ...paragraphs(report.intro),
    sectionHeading(SECTION_HEADINGS.general),
    ...paragraphs(highlightLines(report)),
    ...modelsSection(report),
    sectionHeading(SECTION_HEADINGS.problems),
    ...paragraphs(sectionParagraphs(report.problems)),
    sectionHeading(SECTION_HEADINGS.nextTasks),
    // The last section keeps with the signature block (keepNext up to the table's unsplittable row), so
    // the signature never stands alone on a page.
    ...sectionParagraphs(report.nextTasks).map((t) => bodyParagraph(t, { keepNext: true })),
    new Paragraph({ spacing: { before: 120 }, keepNext: true, children: [] }),
    closingBlock(report),
  ];
  if (report.generatedNote.trim()) {
    children.push(new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: { before: 360 },
      children: [run(report.generatedNote.trim(), { style: 'italic', size: SIZE.note })],
    }));
  }
  return children;
}

/** Page numbers centred in the top margin, shown from page 2 on (Phụ lục I). */
function pageNumberHeader(): Header {
  return new Header({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.header * 2 })],
    })],
  });
}

/** Renders the report as a .docx file. */
export async function renderDocx(report: MonthlyReport): Promise<Buffer> {
  const document = new Document({
    creator: report.issuer.join(' - '),
    title: `${report.kind} ${report.title}`,
    description: report.number,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body * 2 } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          size: { width: mmToTwip(A4_MM.width), height: mmToTwip(A4_MM.height) },
          margin: {
            top: mmToTwip(MARGIN_MM.top), bottom: mmToTwip(MARGIN_MM.bottom),
            left: mmToTwip(MARGIN_MM.left), right: mmToTwip(MARGIN_MM.right),
            header: mmToTwip(8), footer: mmToTwip(8),
          },
        },
      },
      headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
      children: bodyChildren(report),
    }],
  });
  return Packer.toBuffer(document);
}
