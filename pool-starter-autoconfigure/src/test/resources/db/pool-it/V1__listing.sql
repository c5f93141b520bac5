CREATE TABLE listing (id bigserial PRIMARY KEY, name text NOT NULL);
INSERT INTO listing (name) VALUES ('first');
