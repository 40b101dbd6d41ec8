#!/usr/bin/env bash
# End-to-end throughput through real servers (unbound, nginx, exim on 127.0.106.x; needs root): the same messages
# through James with MtaStsRemoteDelivery (A) and with James' RemoteDelivery startTLS=true (B), in interleaved pairs
# A B, B A, ... each in a fresh James; prints each run's messages/s and CPU per message, each pair's ratio, and the
# median ratio with its spread. Not part of the test suite. Logging is at WARN on both sides (logback-bench.xml).
#
# Usage: scripts/bench-end-to-end.sh [--realistic | --dane] [--pairs P] [--messages N] [--domains D] [--jfr DIR]
#   (default)     every message to one enforce domain, N=500
#   --realistic   N=2000 messages round-robin over D=200 domains (40 % enforce, 30 % testing, 30 % no policy)
#   --dane        N=500 messages to one DANE domain (RFC 7672: signed zone, TLSA 3 1 1; a validating unbound and
#                 exim on 127.0.108.x): the DANE lane against plain STARTTLS to the same MX
#   All: 4 parallel SMTP connections hand the messages to James (--clients C), James delivers as shipped (3.8.1:
#   many deliveries in flight per queue), exim offers TLS session tickets to both sides.
#   --pairs P     interleaved pairs (default 5)
#   --jfr DIR     records every timed run with JDK Flight Recorder into DIR and prints where the CPU went
#   a bare number is taken as --messages (the old form: scripts/bench-end-to-end.sh 500)
# Installs the Debian packages it needs (scripts/install-test-deps.sh) and builds the modules it needs (-am).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --realistic) args+=(-Dbench.world=realistic) ;;
        --dane) args+=(-Dbench.world=dane) ;;
        --pairs) args+=(-Dbench.pairs="$2"); shift ;;
        --messages) args+=(-Dbench.messages="$2"); shift ;;
        --domains) args+=(-Dbench.domains="$2"); shift ;;
        --clients) args+=(-Dbench.clients="$2"); shift ;;
        --jfr) mkdir -p "$2"; args+=(-Dbench.jfr="$(cd "$2" && pwd)"); shift ;;
        [0-9]*) args+=(-Dbench.messages="$1") ;;
        *) echo "bench-end-to-end: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
scripts/install-test-deps.sh
log=$(mktemp /tmp/bench-end-to-end.XXXXXX.log)
if ! mvn -B -ntp -pl integration-tests -am test -Dtest=EndToEndBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench=true "${args[@]}" \
    -Dlogback.configurationFile="$PWD/integration-tests/src/test/resources/logback-bench.xml" >"$log" 2>&1; then
    tail -60 "$log" >&2
    echo "bench-end-to-end: the build or the benchmark failed; whole log in $log" >&2
    exit 1
fi
sed -n '/^  run /p; /END-TO-END BENCHMARK/,/median CPU ratio/p; /JFR PROFILE/,/^$/p' "$log" | sed -n '1,400p'
echo "(whole log: $log)"
