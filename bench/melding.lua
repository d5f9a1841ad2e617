-- wrk script: POST /melding as a vendor, every request a new submittedResource (env: MELDING_HREF, MELDING_ORG,
-- MELDING_VENDOR, MELDING_KEY, MELDING_RUN). Reports like report.lua.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"href": "%s", "submittedResource": "https://bench.example.org/besluit/%s/%d/%d", "organization": "%s", ' ..
    '"publisher": {"uri": "%s", "key": "%s"}}',
    os.getenv("MELDING_HREF"), os.getenv("MELDING_RUN"), tid or 0, n, os.getenv("MELDING_ORG"),
    os.getenv("MELDING_VENDOR"), os.getenv("MELDING_KEY"))
  return wrk.format("POST", "/melding", {["Content-Type"] = "application/json"}, body)
end
