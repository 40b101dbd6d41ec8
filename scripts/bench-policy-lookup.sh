#!/usr/bin/env bash
# JMH benchmark of the per-delivery cost on a cache hit: PolicyService.policyFor + MX match.
# Extra arguments go to JMH, e.g. scripts/bench-policy-lookup.sh -f 3 -i 10
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests -pl mta-sts-dns,mta-sts-mailet -am install
mvn -q -B -ntp -pl mta-sts-mailet dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
module=mta-sts-mailet/target
exec java -cp "$module/test-classes:$module/classes:$(cat mta-sts-mailet/target/bench.classpath)" \
    org.openjdk.jmh.Main PolicyLookupBenchmark -prof gc "$@"
