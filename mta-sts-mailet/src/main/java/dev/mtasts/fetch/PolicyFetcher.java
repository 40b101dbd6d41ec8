package dev.mtasts.fetch;

/** Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.3). Never throws. */
public interface PolicyFetcher {

    FetchResult fetch(String policyDomain);
}
