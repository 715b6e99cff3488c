-- The close-out of unanswered supplement requests (services/close-out.ts) reads the dossiers waiting for a
-- supplement on every run: a small partial index keeps that a short scan however many dossiers are closed.
CREATE INDEX dossiers_supplement_waiting ON dossiers (id) WHERE state = 'supplement_requested';
