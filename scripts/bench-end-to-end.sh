#!/usr/bin/env bash
# End-to-end throughput through real servers (unbound, nginx, exim; needs root and scripts/install-test-deps.sh):
# N messages to an enforce domain through James with MtaStsRemoteDelivery, then through James' RemoteDelivery with
# startTLS=true; prints both rates in messages/s and their ratio. Not part of the test suite's assertions.
# Logging is at WARN on both sides (logback-bench.xml).
# Usage: scripts/bench-end-to-end.sh [N]   (default 500). Builds the modules it needs from this checkout (-am).
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-500}"
mvn -B -q -pl integration-tests -am test -Dtest=EndToEndBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench=true -Dbench.messages="$messages" \
    -Dlogback.configurationFile="$PWD/integration-tests/src/test/resources/logback-bench.xml" 2>&1 | sed -n '/END-TO-END BENCHMARK/,/ratio/p'
