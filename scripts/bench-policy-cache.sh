#!/usr/bin/env bash
# Memory and start-up of a large policy cache (PolicyCacheFootprint): fills a file policy store with N distinct
# policies (default 100000, 2-4 mx patterns each), then loads it as James does at start and prints the load time and
# the heap the cache retains after GC, in total and per policy, with the heap histogram.
# Usage: scripts/bench-policy-cache.sh [N] [STORE_DIR]   (a STORE_DIR that already holds N policies is reused)
# Builds what it needs from this checkout in one reactor call (-am), installs nothing into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests -pl mta-sts-mailet -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
module=mta-sts-mailet/target
exec java -Xmx1g -cp "$module/test-classes:$module/classes:$(cat $module/bench.classpath)" \
    dev.mtasts.service.PolicyCacheFootprint "$@"
