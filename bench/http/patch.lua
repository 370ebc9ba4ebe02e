-- PATCH with If-Match, each wrk thread owning one post and chaining the ETags it gets back.
-- Run with as many threads as connections (-tN -cN): wrk keeps one Lua state per thread, so a
-- thread's connection always knows the current ETag of its own post.
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  local ids = {}
  for id in string.gmatch(args[1], "[^,]+") do table.insert(ids, id) end
  post = ids[((index - 1) % #ids) + 1]
  etag = "*"
  csrf = args[2]
  cookie = args[3]
  n = 0
  conflicts = 0
end

function request()
  n = n + 1
  local body = '{"excerpt":"bench ' .. n .. '"}'
  return wrk.format("PATCH", "/api/v1/blogs/posts/" .. post .. "/", {
    ["Content-Type"] = "application/json",
    ["If-Match"] = etag,
    ["X-CSRFToken"] = csrf,
    ["Cookie"] = cookie,
  }, body)
end

function response(status, headers, body)
  if status == 200 then
    etag = headers["ETag"] or headers["etag"] or etag
  elseif status == 409 then
    conflicts = conflicts + 1
    etag = "*"
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("conflicts") or 0) end
  io.write(string.format("conflicts: %d\n", total))
end
