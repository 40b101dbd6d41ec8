#!/usr/bin/env bash
# Installs the Debian packages the tests run against: unbound (DNS), nginx (policy hosts), exim (receiving MX),
# prometheus (promtool and a real Prometheus scraping James), chromium (the dashboard in a headless browser),
# rabbitmq-server (James' distributed mail queue), swaks and dig (by-hand checks). No package may start a daemon:
# the tests start each server themselves.
set -euo pipefail

packages=(unbound nginx-light exim4-daemon-light swaks libnet-ssleay-perl bind9-dnsutils openssl prometheus chromium
    rabbitmq-server)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: missing ${missing[*]}; run as root or install them yourself" >&2
    exit 1
fi
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-test-deps: installed ${missing[*]}"
