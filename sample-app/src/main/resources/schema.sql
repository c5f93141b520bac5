CREATE TABLE IF NOT EXISTS listing (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	title text NOT NULL,
	city text NOT NULL,
	price_cents bigint NOT NULL CHECK (price_cents >= 0),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS listing_city ON listing (city, id);
CREATE TABLE IF NOT EXISTS listing_event (
	id uuid PRIMARY KEY,
	type text NOT NULL,
	listing_id bigint NOT NULL,
	title text NOT NULL,
	consumed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS listing_event_listing ON listing_event (listing_id);
