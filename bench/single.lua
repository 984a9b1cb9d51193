-- wrk script: one Suricata EVE alert per request, each with its own flow_id, sent to Vigil's ingest API.
-- The key comes from the environment (VIGIL_KEY), never from the command line.
local next_thread = 0

function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  counter = thread_number * 1000000000
  headers = {["Content-Type"] = "application/x-ndjson", ["Authorization"] = "Bearer " .. os.getenv("VIGIL_KEY")}
end

function request()
  counter = counter + 1
  local body = string.format('{"timestamp":"2018-03-24T03:10:58.735262+0000","flow_id":%d,"event_type":"alert",'
    .. '"src_ip":"10.0.0.5","src_port":51234,"dest_ip":"203.0.113.9","dest_port":443,"proto":"TCP",'
    .. '"alert":{"action":"allowed","gid":1,"signature_id":2013028,"rev":4,'
    .. '"signature":"ET POLICY curl User-Agent Outbound","category":"Attempted Information Leak","severity":2}}',
    counter)
  return wrk.format("POST", nil, headers, body)
end
