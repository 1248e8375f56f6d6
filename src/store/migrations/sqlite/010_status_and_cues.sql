-- A figure's status (GUIDE §2: a target is a goal, plan or forecast, not an achievement) and the
-- cues that set its period, region and status, so the dashboard can say why (JSON, null when none).
ALTER TABLE quantities ADD COLUMN status TEXT NOT NULL DEFAULT 'actual' CHECK (status IN ('actual', 'target'));
ALTER TABLE quantities ADD COLUMN cues TEXT;
