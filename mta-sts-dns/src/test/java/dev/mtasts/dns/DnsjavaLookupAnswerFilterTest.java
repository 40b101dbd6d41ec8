package dev.mtasts.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Only records for the question are answers (RFC 1034 §3.6.2, §4.3.2), whatever a server adds to its answer
 * section and whatever dnsjava hands back (CVE-2024-25638): the two pure functions of {@link DnsjavaLookup}.
 */
class DnsjavaLookupAnswerFilterTest {

    private static final String Q = "_mta-sts.example.test";
    private static final String WHERE = "TXT " + Q;

    static Stream<Arguments> answers() {
        return Stream.of(
                arguments("exact name", Q, List.of(),
                        List.of(txt(Q, "v=STSv1; id=1;")),
                        found("v=STSv1; id=1;")),
                arguments("owner in another case", Q, List.of(),
                        List.of(txt("_MTA-STS.Example.TEST", "v=STSv1; id=1;")),
                        found("v=STSv1; id=1;")),
                arguments("question with a trailing dot", Q + ".", List.of(),
                        List.of(txt(Q, "v=STSv1; id=1;")),
                        found("v=STSv1; id=1;")),
                arguments("the target of a CNAME", "_mta-sts.alias.test", List.of(Q),
                        List.of(cname("_mta-sts.alias.test", Q), txt(Q, "v=STSv1; id=1;")),
                        found("v=STSv1; id=1;")),
                arguments("the end of a chain of two CNAMEs", "_mta-sts.chain.test", List.of("_mta-sts.alias.test", Q),
                        List.of(txt(Q, "v=STSv1; id=1;")),
                        found("v=STSv1; id=1;")),
                arguments("every record of the name, in order", Q, List.of(),
                        List.of(txt(Q, "v=STSv1; id=1;"), txt(Q, "v=spf1 -all")),
                        found("v=STSv1; id=1;", "v=spf1 -all")),
                arguments("an unrelated owner beside the real record", Q, List.of(),
                        List.of(txt(Q, "v=STSv1; id=1;"), txt("_mta-sts.attacker.test", "v=STSv1; id=evil;")),
                        found("v=STSv1; id=1;")),
                arguments("an unrelated owner only", Q, List.of(),
                        List.of(txt("_mta-sts.attacker.test", "v=STSv1; id=evil;")),
                        ignored(1)),
                arguments("two unrelated owners only", Q, List.of(),
                        List.of(txt("_mta-sts.attacker.test", "a"), txt("attacker.test", "b")),
                        ignored(2)),
                arguments("a record of another type only", Q, List.of(),
                        List.of(a(Q, "192.0.2.1")),
                        nodata()),
                arguments("records of another type beside the real record", Q, List.of(),
                        List.of(a(Q, "192.0.2.1"), txt(Q, "v=STSv1; id=1;"), a("www.attacker.test", "192.0.2.66")),
                        found("v=STSv1; id=1;")),
                arguments("a record of another class", Q, List.of(),
                        List.of(new TXTRecord(name(Q), DClass.CH, 60, "v=STSv1; id=1;")),
                        nodata()),
                arguments("a sibling name", Q, List.of(),
                        List.of(txt("mta-sts.example.test", "v=STSv1; id=evil;")),
                        ignored(1)),
                arguments("the parent name", Q, List.of(),
                        List.of(txt("example.test", "v=STSv1; id=evil;")),
                        ignored(1)),
                arguments("a child name", Q, List.of(),
                        List.of(txt("x." + Q, "v=STSv1; id=evil;")),
                        ignored(1)),
                arguments("the question's records when Lookup followed a CNAME elsewhere", "_mta-sts.alias.test", List.of(Q),
                        List.of(txt("_mta-sts.other.test", "v=STSv1; id=evil;")),
                        ignored(1)),
                arguments("good and unrelated records mixed", Q, List.of(),
                        List.of(txt("_mta-sts.attacker.test", "v=STSv1; id=evil;"), txt(Q, "v=STSv1; id=1;"),
                                a("www.attacker.test", "192.0.2.66"), txt("www.example.test", "v=spf1 +all"),
                                txt("_MTA-STS.example.test.", "v=spf1 -all")),
                        found("v=STSv1; id=1;", "v=spf1 -all")),
                arguments("nothing at all", Q, List.of(),
                        List.of(),
                        nodata()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void acceptsOnlyRecordsForTheQuestion(String description, String question, List<String> chain,
            List<Record> records, DnsAnswer<String> expected) {
        DnsAnswer<String> answer = DnsjavaLookup.answerRecords(WHERE, queryName(question), names(chain), Type.TXT,
                records.toArray(new Record[0]), record -> String.join("", ((TXTRecord) record).getStrings()));

        assertThat(answer).isEqualTo(expected);
    }

    @Test
    void noRecordsAtAllIsNodata() {
        assertThat(DnsjavaLookup.answerRecords(WHERE, queryName(Q), List.of(), Type.TXT, null, Record::toString))
                .isEqualTo(nodata());
    }

    static Stream<Arguments> chains() {
        return Stream.of(
                arguments("no alias followed", Q, List.of(),
                        List.of(txt(Q, "v=STSv1; id=1;")),
                        List.of()),
                arguments("one CNAME", "_mta-sts.alias.test", List.of("_mta-sts.alias.test"),
                        List.of(cname("_mta-sts.alias.test", Q), txt(Q, "v=STSv1; id=1;")),
                        List.of(Q)),
                arguments("one CNAME, names in other cases", "_MTA-STS.alias.test", List.of("_mta-sts.ALIAS.test"),
                        List.of(cname("_mta-sts.Alias.Test", Q)),
                        List.of(Q)),
                arguments("a chain of two CNAMEs", "_mta-sts.chain.test",
                        List.of("_mta-sts.chain.test", "_mta-sts.alias.test"),
                        List.of(cname("_mta-sts.chain.test", "_mta-sts.alias.test"), cname("_mta-sts.alias.test", Q)),
                        List.of("_mta-sts.alias.test", Q)),
                arguments("a DNAME of an ancestor", "_mta-sts.old.test", List.of("_mta-sts.old.test"),
                        List.of(dname("old.test", "example.test"), cname("_mta-sts.old.test", Q)),
                        List.of(Q)),
                arguments("a DNAME of the name itself does not apply (RFC 6672 §2.3)", "old.test", List.of("old.test"),
                        List.of(dname("old.test", "example.test")),
                        List.of()),
                arguments("a CNAME for another name does not extend the chain", "_mta-sts.alias.test",
                        List.of("_mta-sts.alias.test"),
                        List.of(cname("_mta-sts.alias.test", Q), cname("_mta-sts.attacker.test", "evil.test"),
                                txt(Q, "v=STSv1; id=1;")),
                        List.of(Q)),
                arguments("a step no CNAME backs ends the chain", "_mta-sts.chain.test",
                        List.of("_mta-sts.chain.test", "_mta-sts.elsewhere.test"),
                        List.of(cname("_mta-sts.chain.test", "_mta-sts.alias.test"),
                                cname("_mta-sts.elsewhere.test", "_mta-sts.attacker.test")),
                        List.of()),
                arguments("aliases that do not start at the question are not trusted", Q, List.of("_mta-sts.other.test"),
                        List.of(cname("_mta-sts.other.test", "_mta-sts.attacker.test")),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void followsOnlyTheCnamesOfTheChain(String description, String question, List<String> followed,
            List<Record> answerSections, List<String> expected) {
        List<Name> chain = DnsjavaLookup.cnameChain(queryName(question), names(followed).toArray(new Name[0]),
                answerSections);

        assertThat(chain).isEqualTo(names(expected));
    }

    private static Name queryName(String text) {
        return ((QueryName.Valid) QueryName.parse(text)).name();
    }

    private static List<Name> names(List<String> texts) {
        return texts.stream().map(DnsjavaLookupAnswerFilterTest::name).toList();
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static TXTRecord txt(String owner, String text) {
        return new TXTRecord(name(owner), DClass.IN, 60, text);
    }

    private static ARecord a(String owner, String address) {
        try {
            return new ARecord(name(owner), DClass.IN, 60, InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    private static CNAMERecord cname(String owner, String target) {
        return new CNAMERecord(name(owner), DClass.IN, 60, name(target));
    }

    private static DNAMERecord dname(String owner, String target) {
        return new DNAMERecord(name(owner), DClass.IN, 60, name(target));
    }

    private static DnsAnswer<String> found(String... records) {
        return DnsAnswer.found(List.of(records));
    }

    private static DnsAnswer<String> nodata() {
        return DnsAnswer.notFound(WHERE + ": NODATA (answer without TXT records)");
    }

    private static DnsAnswer<String> ignored(int records) {
        return DnsAnswer.notFound(WHERE + ": NODATA (answer without TXT records for this name; " + records
                + (records == 1 ? " TXT record for another name" : " TXT records for other names") + " ignored)");
    }
}
