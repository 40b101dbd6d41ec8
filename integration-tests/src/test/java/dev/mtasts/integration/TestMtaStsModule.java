package dev.mtasts.integration;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import dev.mtasts.cache.InMemoryPolicyStore;
import dev.mtasts.cache.PolicyStore;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.james.guice.MtaStsModule;
import dev.mtasts.james.outcome.OutcomeListener;

/**
 * The extension's own module, named in the tests' extensions.properties instead of {@link MtaStsModule}: everything
 * as in production (settings from mta-sts.properties, trust anchors, the policy service, the outcome recorder)
 * except where policies come from — {@link TestWorld}'s TXT records and policy texts instead of DNS and HTTPS.
 */
public class TestMtaStsModule extends AbstractModule {

    @Override
    protected void configure() {
        install(Modules.override(new MtaStsModule()).with(binder -> {
            binder.bind(DnsLookup.class).toInstance(TestWorld.policies().dns());
            binder.bind(PolicyFetcher.class).toInstance(TestWorld.policies().fetcher());
            binder.bind(PolicyStore.class).toInstance(new InMemoryPolicyStore());
        }));
        Multibinder.newSetBinder(binder(), OutcomeListener.class).addBinding().toInstance(TestWorld.recorder());
    }
}
