-- Authenticated GET /v1/organization with the key in the KEY environment variable.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
