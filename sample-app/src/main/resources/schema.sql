CREATE TABLE IF NOT EXISTS sample_sent (value text PRIMARY KEY, sent_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS sample_consumed (value text PRIMARY KEY, consumed_at timestamptz NOT NULL DEFAULT now());
