#!/usr/bin/env bash
# Drives the running sample service with a closed-loop HTTP load (cached reads, pages, writes
# and slow reports) and prints, every 5 s, what the clients see beside what the pool reports
# in /actuator/health. Needs only a JDK (the generator runs from source).
#
#   sample-app/load.sh [--url http://127.0.0.1:8080] [--clients 16] [--duration 60s] [--report-delay-ms 50]
set -euo pipefail
exec java "$(dirname "$0")/load/LoadGenerator.java" "$@"
