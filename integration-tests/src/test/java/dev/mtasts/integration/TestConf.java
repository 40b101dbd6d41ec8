package dev.mtasts.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A James conf directory for a test: SMTP on a free loopback port relaying for loopback clients, the test's
 * extension module, and a relay processor whose one mailet the test chooses.
 */
public final class TestConf {

    private final Map<String, String> files = new LinkedHashMap<>();

    private TestConf() {
    }

    /** Every remote recipient goes through {@code relayMailets} (XML of the relay processor's mailets). */
    public static TestConf relayingThrough(String relayMailets, String extraProcessors) {
        TestConf conf = new TestConf();
        conf.files.put("smtpserver.xml", """
            <?xml version="1.0"?>
            <smtpservers>
                <smtpserver enabled="true">
                    <jmxName>smtpserver-global</jmxName>
                    <bind>127.0.0.1:0</bind>
                    <authorizedAddresses>127.0.0.0/8</authorizedAddresses>
                    <verifyIdentity>false</verifyIdentity>
                    <auth><announce>never</announce></auth>
                    <handlerchain>
                        <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
                    </handlerchain>
                </smtpserver>
            </smtpservers>
            """);
        conf.files.put("mailetcontainer.xml", """
            <?xml version="1.0"?>
            <mailetcontainer enableJmx="false">
                <context>
                    <postmaster>postmaster@james.test</postmaster>
                </context>
                <spooler>
                    <threads>4</threads>
                    <errorRepository>memory://var/mail/error/</errorRepository>
                </spooler>
                <processors>
                    <processor state="root" enableJmx="false">
                        <mailet match="All" class="ToProcessor">
                            <processor>transport</processor>
                        </mailet>
                    </processor>
                    <processor state="error" enableJmx="false">
                        <mailet match="All" class="ToRepository">
                            <repositoryPath>memory://var/mail/error/</repositoryPath>
                        </mailet>
                    </processor>
                    <processor state="transport" enableJmx="false">
                        <mailet match="All" class="RemoveMimeHeader">
                            <name>bcc</name>
                        </mailet>
                        <mailet match="All" class="ToProcessor">
                            <processor>relay</processor>
                        </mailet>
                    </processor>
                    <processor state="relay" enableJmx="false">
            """ + relayMailets + """
                    </processor>
                    <processor state="bounces" enableJmx="false">
                        <mailet match="All" class="DSNBounce">
                            <passThrough>false</passThrough>
                        </mailet>
                    </processor>
            """ + extraProcessors + """
                </processors>
            </mailetcontainer>
            """);
        conf.files.put("mailrepositorystore.xml", """
            <?xml version="1.0"?>
            <mailrepositorystore>
                <defaultProtocol>memory</defaultProtocol>
                <mailrepositories>
                    <mailrepository class="org.apache.james.mailrepository.memory.MemoryMailRepository">
                        <protocols><protocol>memory</protocol></protocols>
                    </mailrepository>
                </mailrepositories>
            </mailrepositorystore>
            """);
        conf.files.put("domainlist.xml", """
            <?xml version="1.0"?>
            <domainlist>
                <autodetect>false</autodetect>
                <autodetectIP>false</autodetectIP>
                <defaultDomain>james.test</defaultDomain>
            </domainlist>
            """);
        conf.files.put("extensions.properties", "guice.extension.module=" + TestMtaStsModule.class.getName() + "\n");
        return conf;
    }

    /** Loads {@code module} from extensions.properties instead of {@link TestMtaStsModule}. */
    public TestConf extensionModule(Class<?> module) {
        files.put("extensions.properties", "guice.extension.module=" + module.getName() + "\n");
        return this;
    }

    /** The extension's settings file, as {@code key=value} lines. */
    public TestConf mtaStsProperties(String properties) {
        files.put("mta-sts.properties", properties);
        return this;
    }

    public void writeTo(Path confDirectory) {
        try {
            Files.createDirectories(confDirectory);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(confDirectory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
