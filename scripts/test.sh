#!/usr/bin/env bash
# The one test command (run as root): installs the packages the tests need (scripts/setup.sh --deps-only),
# then `mvn -B verify`: every module's unit tests, then the end-to-end tests in integration-tests/
# (maven-failsafe), which start bin/berthd on temporary sockets and directories and drive the real docker
# CLI. Extra arguments go to Maven (e.g. -DskipITs). Exits with Maven's status.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" --deps-only

# Testcontainers on this kind of machine must reach published ports on localhost.
export TESTCONTAINERS_HOST_OVERRIDE=localhost

cd "$ROOT"
set +e
mvn -B -ntp -Dstyle.color=never verify "$@"
status=$?
set -e
exit "$status"
