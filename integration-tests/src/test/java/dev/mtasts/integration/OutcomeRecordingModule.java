package dev.mtasts.integration;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.james.outcome.OutcomeListener;

/**
 * A second extension module, next to the production {@code MtaStsModule} in extensions.properties: it only adds
 * {@link TestWorld}'s outcome recorder, so a test sees every TLS outcome the real wiring produces.
 */
public class OutcomeRecordingModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), OutcomeListener.class).addBinding().toInstance(TestWorld.recorder());
    }
}
