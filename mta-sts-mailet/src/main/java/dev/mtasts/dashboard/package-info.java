/**
 * The dashboard page: the operators' figures, the clear-text top list, the policy domains and what received TLS
 * reports say, as one server-rendered HTML page with inline SVG charts and no script. Everything from outside is
 * escaped by {@link dev.mtasts.dashboard.Html}. Imports no James type; the WebAdmin route gathers a
 * {@link dev.mtasts.dashboard.DashboardView} and hands it to {@link dev.mtasts.dashboard.DashboardPage}.
 */
package dev.mtasts.dashboard;
