package dev.mtasts.james.delivery;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The init parameters and context one lane's RemoteDelivery is initialised with. */
final class LaneMailetConfig implements MailetConfig {

    private final String name;
    private final Map<String, String> parameters;
    private final MailetContext context;

    LaneMailetConfig(String name, Map<String, String> parameters, MailetContext context) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = new LinkedHashMap<>(parameters);
        this.context = Objects.requireNonNull(context, "context");
    }

    LaneMailetConfig withContext(MailetContext other) {
        return new LaneMailetConfig(name, parameters, other);
    }

    @Override
    public String getInitParameter(String parameter) {
        return parameters.get(parameter);
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        return parameters.keySet().iterator();
    }

    @Override
    public MailetContext getMailetContext() {
        return context;
    }

    @Override
    public String getMailetName() {
        return name;
    }
}
