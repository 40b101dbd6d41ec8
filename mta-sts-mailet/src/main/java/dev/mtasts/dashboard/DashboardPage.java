package dev.mtasts.dashboard;

import dev.mtasts.inbound.ReportSummary;
import dev.mtasts.inbound.RolloutAdvice;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.report.DeliveryFigures;
import dev.mtasts.report.DomainSessions;
import dev.mtasts.report.Lane;
import dev.mtasts.report.Rate;

import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The dashboard as one HTML page: no script, no external style sheet, font or image; charts are inline SVG. Every
 * string that comes from outside is escaped with {@link Html#text}. Elements carry {@code id}s and {@code data-}
 * attributes so that a test (or a script of the operator's) can read the figures from the page.
 */
public final class DashboardPage {

    /** The Content-Security-Policy the page is served with: it needs nothing but its own inline style. */
    public static final String CONTENT_SECURITY_POLICY =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d2430;"
        + "background:#f6f7f9}h1{font-size:1.4rem;margin:0 0 .2rem}h2{font-size:1.1rem;margin:1.6rem 0 .6rem}"
        + "p.meta{color:#5b6472;margin:0 0 1rem}section{background:#fff;border:1px solid #dde1e6;"
        + "border-radius:6px;padding:.8rem 1rem;margin-bottom:1rem}"
        + ".figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:1rem}"
        + ".figure{border:1px solid #e4e7eb;border-radius:6px;padding:.6rem .8rem}"
        + ".figure h3{font-size:1rem;margin:0 0 .4rem}.figure .row{display:flex;align-items:center;gap:.6rem;"
        + "margin:.2rem 0}.figure .window{width:2.6rem;color:#5b6472}.figure .value{width:4.8rem;"
        + "font-weight:600;text-align:right;white-space:nowrap}.figure .counts{color:#5b6472;font-size:.8rem;"
        + "width:4.6rem;white-space:nowrap}"
        + "svg.chart{background:#f3f5f7}svg .bar{fill:#2f6fb3}svg .empty{fill:#c9ced6}"
        + "svg .axis{stroke:#9aa3ad;stroke-width:1}svg text{font-size:12px;fill:#1d2430}"
        + "table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;"
        + "border-bottom:1px solid #e4e7eb}th{background:#f0f2f5}td.num,th.num{text-align:right}"
        + ".mode-enforce{color:#1c6b2f;font-weight:600}.mode-testing{color:#8a5a00;font-weight:600}"
        + ".error{color:#a12020}.verdict{font-weight:600}nav a{margin-right:1rem}";

    private DashboardPage() {
    }

    /** The page for {@code view}. */
    public static String render(DashboardView view) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<link rel=\"icon\" href=\"data:,\">")
            .append("<title>MTA-STS outbound TLS</title><style>").append(STYLE).append("</style></head><body>")
            .append("<h1>MTA-STS outbound TLS</h1><p class=\"meta\">As of <time id=\"now\" datetime=\"")
            .append(view.now()).append("\">").append(view.now()).append("</time>; counts kept per hour, in UTC.</p>");
        figures(html, view.windows());
        lanes(html, view.windows());
        failures(html, view.windows());
        clearText(html, view.clearTextDomains());
        policies(html, view);
        view.ownDomains().ifPresent(own -> ownDomains(html, own));
        return html.append("</body></html>").toString();
    }

    private static final class Figure {
        final String key;
        final String title;
        final Function<DeliveryFigures, Rate> rate;

        Figure(String key, String title, Function<DeliveryFigures, Rate> rate) {
            this.key = key;
            this.title = title;
            this.rate = rate;
        }
    }

    private static final List<Figure> FIGURES = List.of(
        new Figure("tlsEnforcementSuccess", "TLS enforcement success", DeliveryFigures::tlsEnforcementSuccess),
        new Figure("encryptedDelivery", "Encrypted delivery (all outbound sessions)",
            DeliveryFigures::encryptedDelivery),
        new Figure("policyRetrieval", "Policy retrieval", DeliveryFigures::policyRetrieval),
        new Figure("policyValidation", "Policy validation", DeliveryFigures::policyValidation));

    private static void figures(StringBuilder html, List<FigureWindow> windows) {
        html.append("<section id=\"figures\"><h2>The four figures</h2><div class=\"figures\">");
        for (Figure figure : FIGURES) {
            html.append("<div class=\"figure\" id=\"figure-").append(figure.key).append("\"><h3>")
                .append(figure.title).append("</h3>");
            for (FigureWindow window : windows) {
                Rate rate = figure.rate.apply(window.total());
                html.append("<div class=\"row\" data-window=\"").append(window.name()).append("\">")
                    .append("<span class=\"window\">").append(window.name()).append("</span>")
                    .append("<span class=\"value\" data-succeeded=\"").append(rate.succeeded())
                    .append("\" data-total=\"").append(rate.total()).append("\">").append(percent(rate.ratio()))
                    .append("</span><span class=\"counts\">").append(rate.succeeded()).append(" / ")
                    .append(rate.total()).append("</span>");
                List<ChartBar> bars = new ArrayList<>();
                for (int i = 0; i < window.buckets().size(); i++) {
                    Rate bucket = figure.rate.apply(window.buckets().get(i));
                    String label = window.bucketLabels().get(i);
                    bars.add(new ChartBar(label, bucket.ratio(), label + ": " + percent(bucket.ratio()) + " ("
                        + bucket.succeeded() + " / " + bucket.total() + ")"));
                }
                html.append(RatioChart.svg(figure.title + ", " + window.name() + ", per "
                    + ("24h".equals(window.name()) ? "hour" : "day"), figure.key, window.name(), bars));
                html.append("</div>");
            }
            html.append("</div>");
        }
        html.append("</div></section>");
    }

    private static void lanes(StringBuilder html, List<FigureWindow> windows) {
        html.append("<section id=\"lanes\"><h2>Encrypted share of all outbound mail, by lane</h2><table><thead><tr>")
            .append("<th>lane</th>");
        for (FigureWindow window : windows) {
            html.append("<th class=\"num\">").append(window.name()).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        html.append("<tr data-lane=\"all\"><td>all lanes</td>");
        for (FigureWindow window : windows) {
            rateCell(html, window.name(), window.total().encryptedDelivery());
        }
        html.append("</tr>");
        for (Lane lane : Lane.values()) {
            html.append("<tr data-lane=\"").append(lane.wireName()).append("\"><td>").append(lane.wireName())
                .append("</td>");
            for (FigureWindow window : windows) {
                rateCell(html, window.name(), window.total().encryptedDelivery(lane));
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></section>");
    }

    private static void rateCell(StringBuilder html, String window, Rate rate) {
        html.append("<td class=\"num\" data-window=\"").append(window).append("\" data-succeeded=\"")
            .append(rate.succeeded()).append("\" data-total=\"").append(rate.total()).append("\">")
            .append(percent(rate.ratio())).append(" <small>(").append(rate.succeeded()).append(" / ")
            .append(rate.total()).append(")</small></td>");
    }

    private static void failures(StringBuilder html, List<FigureWindow> windows) {
        html.append("<section id=\"failures\"><h2>Failures by RFC 8460 result type</h2><table><thead><tr>")
            .append("<th>result type</th>");
        for (FigureWindow window : windows) {
            html.append("<th class=\"num\">").append(window.name()).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        FigureWindow longest = windows.get(windows.size() - 1);
        List<Map.Entry<String, Long>> bars = new ArrayList<>();
        for (ResultType type : ResultType.values()) {
            html.append("<tr data-result=\"").append(type.wireName()).append("\"><td>").append(type.wireName())
                .append("</td>");
            for (FigureWindow window : windows) {
                html.append("<td class=\"num\" data-window=\"").append(window.name()).append("\">")
                    .append(window.total().counts().failures(type)).append("</td>");
            }
            html.append("</tr>");
            bars.add(new AbstractMap.SimpleImmutableEntry<>(type.wireName(),
                longest.total().counts().failures(type)));
        }
        html.append("</tbody></table>")
            .append(CountBars.svg("Failures by result type, " + longest.name(), "failures", bars))
            .append("</section>");
    }

    private static void clearText(StringBuilder html, List<DomainSessions> domains) {
        html.append("<section id=\"cleartext\"><h2>Who still receives our mail in clear text (30d)</h2>");
        if (domains.isEmpty()) {
            html.append("<p class=\"none\">No session went in clear text.</p></section>");
            return;
        }
        html.append("<table><thead><tr><th>domain</th><th class=\"num\">clear-text sessions</th>")
            .append("<th class=\"num\">all sessions</th><th class=\"num\">clear-text share</th></tr></thead><tbody>");
        for (DomainSessions domain : domains) {
            html.append("<tr data-domain=\"").append(Html.text(domain.domain())).append("\"><td>")
                .append(Html.text(domain.domain())).append("</td><td class=\"num\" data-clear-text=\"")
                .append(domain.clearTextSessions()).append("\">").append(domain.clearTextSessions())
                .append("</td><td class=\"num\" data-sessions=\"").append(domain.sessions()).append("\">")
                .append(domain.sessions()).append("</td><td class=\"num\">")
                .append(percent(OptionalDouble.of((double) domain.clearTextSessions() / domain.sessions())))
                .append("</td></tr>");
        }
        html.append("</tbody></table></section>");
    }

    private static void policies(StringBuilder html, DashboardView view) {
        int from = view.policies().isEmpty() ? 0 : view.offset() + 1;
        int to = view.offset() + view.policies().size();
        html.append("<section id=\"policies\" data-total=\"").append(view.policyTotal()).append("\">")
            .append("<h2>Policy domains</h2><p class=\"meta\">").append(from).append("–").append(to)
            .append(" of ").append(view.policyTotal()).append(" cached policies</p>")
            .append("<table><thead><tr><th>domain</th><th>mode</th><th>policy id</th><th>expires</th>")
            .append("<th>last error</th><th class=\"num\">failures in a row</th></tr></thead><tbody>");
        for (PolicyRow row : view.policies()) {
            html.append("<tr data-domain=\"").append(Html.text(row.domain())).append("\"><td>")
                .append(Html.text(row.domain())).append("</td><td class=\"mode-").append(Html.text(row.mode()))
                .append("\">").append(Html.text(row.mode())).append("</td><td>").append(Html.text(row.id()))
                .append("</td><td><time datetime=\"").append(row.expiresAt()).append("\">")
                .append(row.expiresAt().truncatedTo(ChronoUnit.SECONDS))
                .append("</time></td><td class=\"error\">").append(Html.text(row.lastError().orElse("")))
                .append("</td><td class=\"num\">").append(row.consecutiveFailures()).append("</td></tr>");
        }
        html.append("</tbody></table><nav>");
        if (view.offset() > 0) {
            html.append("<a rel=\"prev\" href=\"?offset=").append(Math.max(0, view.offset() - view.limit()))
                .append("&amp;limit=").append(view.limit()).append("\">previous ").append(view.limit())
                .append("</a>");
        }
        if (to < view.policyTotal()) {
            html.append("<a rel=\"next\" href=\"?offset=").append(to).append("&amp;limit=").append(view.limit())
                .append("\">next ").append(view.limit()).append("</a>");
        }
        html.append("</nav></section>");
    }

    private static void ownDomains(StringBuilder html, List<OwnDomainReports> domains) {
        html.append("<section id=\"own-domains\"><h2>TLS reports about our own domains (30d)</h2>");
        if (domains.isEmpty()) {
            html.append("<p class=\"none\">No TLS report received about our own domains.</p></section>");
            return;
        }
        html.append("<table><thead><tr><th>domain</th><th class=\"num\">reports</th>")
            .append("<th class=\"num\">successful sessions</th><th class=\"num\">failed sessions</th>")
            .append("<th>rollout verdict</th><th>why</th></tr></thead><tbody>");
        for (OwnDomainReports own : domains) {
            ReportSummary summary = own.summary();
            html.append("<tr data-domain=\"").append(Html.text(summary.domain())).append("\"><td>")
                .append(Html.text(summary.domain())).append("</td><td class=\"num\">").append(summary.reports())
                .append("</td><td class=\"num\">").append(summary.successfulSessions())
                .append("</td><td class=\"num\">").append(summary.failedSessions()).append("</td>");
            if (own.advice().isPresent()) {
                RolloutAdvice advice = own.advice().get();
                html.append("<td class=\"verdict\" data-verdict=\"").append(advice.verdict().code()).append("\">")
                    .append(advice.verdict().code()).append("</td><td>");
                for (String reason : advice.reasons()) {
                    html.append("<div>").append(Html.text(reason)).append("</div>");
                }
                html.append("</td>");
            } else {
                html.append("<td class=\"verdict\">unknown</td><td>DNS could not answer</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></section>");
    }

    static String percent(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.1f %%", ratio.getAsDouble() * 100) : "–";
    }
}
