#!/usr/bin/env bash
# JMH benchmark of the per-delivery cost on a cache hit: PolicyService.policyFor + MX match, with -prof gc (bytes
# allocated per operation). Extra arguments go to JMH, e.g. scripts/bench-policy-lookup.sh -f 3 -i 10
# Builds what it needs from this checkout in one reactor call (-am), installs nothing into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests -pl mta-sts-mailet -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
module=mta-sts-mailet/target
exec java -cp "$module/test-classes:$module/classes:$(cat $module/bench.classpath)" \
    org.openjdk.jmh.Main PolicyLookupBenchmark -prof gc "$@"
