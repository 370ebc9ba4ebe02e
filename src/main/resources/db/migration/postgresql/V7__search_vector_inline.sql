-- A phrase (?q="a b") is decided by the positions stored in each candidate's search_vector, read
-- for every match. Out of line (TOAST, where a ~2 KB vector went) that read cost about nine
-- buffers a post; kept in the heap row it costs one: at 200,000 posts a phrase with 2,000
-- matches took 38 ms instead of 70 (README, "Ranked search"). MAIN keeps the vector in the row
-- (compressed if need be) while the body and its text, EXTENDED as before, give way first.
-- New and changed rows get the layout; existing ones keep theirs until they change. (H2 keeps no
-- vector: nothing to match there.)
ALTER TABLE posts ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE pages ALTER COLUMN search_vector SET STORAGE MAIN;
