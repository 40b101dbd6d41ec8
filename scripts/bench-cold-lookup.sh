#!/usr/bin/env bash
# Cold lookups (ColdLookupHarness): N uncached domains (default 1000), each one TXT query to a real unbound and one
# HTTPS fetch from a real nginx (on 127.0.106.x, port 443: needs root), looked up with the refresher's bounded
# concurrency (default 4, or CONCURRENCY); prints the wall time for all and per domain.
# Usage: scripts/bench-cold-lookup.sh [N] [CONCURRENCY]
# Installs the Debian packages it needs and builds what it needs from this checkout (-am); installs nothing in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
mvn -q -B -ntp -DskipTests -pl mta-sts-mailet -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
module=mta-sts-mailet/target
exec java -cp "$module/test-classes:$module/classes:$(cat $module/bench.classpath)" \
    dev.mtasts.service.ColdLookupHarness "$@"
