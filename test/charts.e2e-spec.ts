import AxeBuilder from '@axe-core/playwright';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import * as sass from 'sass';
import {
  Chart, barChart, changeChart, differenceAxis, formatNumber, formatPercentagePoints, groupedBarChart, intervalChart, numberAxis, rateAxis, rateDatum, renderTable,
} from '@mapwork/charts';
import { INDICATORS, INDICATOR_LABELS, IndicatorId } from '@mapwork/fidelity';
import { fromRepoRoot } from '@mapwork/kernel';
import { proportionDifference, wilsonInterval } from '@mapwork/statistics';
import { launchChromium } from './support/browser';

/** The policy the project's pages will be served with. */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'";
/** Names that would run, break out of markup or turn text around if they reached the page unescaped. */
const HOSTILE_TEAM = `Team <script>window.__xss=1</script> & "quotes" 'n' <img src=x onerror="window.__xss=2">`;
const RTL_TEAM = 'فريق الشمال';
const ASTRAL_TEAM = 'Team 🦊 𝒜 North';

// met/applicable per indicator for two sites as at the end of the fieldwork (the demo's P8 and P9), and P9 at T1
const P8: Record<IndicatorId, [number, number]> = {
  mapping_recorded: [6, 6], family_involved_in_mapping: [3, 6], danger_statement_recorded: [6, 6], multiple_danger_statements: [1, 6],
  danger_statements_have_goals: [5, 6], existing_strengths_recorded: [6, 6], existing_safety_recorded: [4, 6], safety_goals_recorded: [6, 6],
  safety_plan_in_place: [6, 6], safety_plan_reviewed: [6, 6], family_network_meeting_held: [6, 6], child_voice_recorded: [0, 6],
  words_and_pictures_recorded: [0, 0], danger_statements_well_formed: [2, 6], scale_multiple_perspectives: [4, 6], plan_rules_have_network: [5, 6],
};
const P9: Record<IndicatorId, [number, number]> = {
  mapping_recorded: [10, 10], family_involved_in_mapping: [1, 10], danger_statement_recorded: [10, 10], multiple_danger_statements: [0, 10],
  danger_statements_have_goals: [7, 10], existing_strengths_recorded: [7, 10], existing_safety_recorded: [5, 10], safety_goals_recorded: [8, 10],
  safety_plan_in_place: [7, 10], safety_plan_reviewed: [4, 7], family_network_meeting_held: [1, 10], child_voice_recorded: [0, 10],
  words_and_pictures_recorded: [0, 0], danger_statements_well_formed: [1, 10], scale_multiple_perspectives: [2, 10], plan_rules_have_network: [3, 7],
};
const P9_T1: Record<IndicatorId, [number, number]> = {
  ...P9, family_involved_in_mapping: [0, 10], existing_strengths_recorded: [4, 10], safety_plan_in_place: [3, 10], safety_plan_reviewed: [1, 3],
  family_network_meeting_held: [0, 10], danger_statements_have_goals: [3, 10], safety_goals_recorded: [5, 10],
};
const figures = ([met, applicable]: [number, number]) => ({ met, applicable, ci95: wilsonInterval(met, applicable) });

function charts(): Array<{ name: string; chart: Chart }> {
  const rates = rateAxis('Cases where the indicator is met');
  const kinds = ['outstanding', 'good', 'requires improvement', 'inadequate'];
  const grades = [2, 9, 5, 1];
  const survey = [
    ['Mapping (e.g. 3 columns)', [98, 95, 93, 97]],
    ['Danger statements', [85, 71, 80, 90]],
    ['Safety goals', [83, 69, 77, 88]],
    ['Scaling questions', [95, 92, 91, 96]],
    ['Safety planning', [76, 55, 64, 81]],
    ['Family network meetings', [63, 38, 58, 70]],
    ['Three Houses', [90, 84, 88, 93]],
    ['Words and Pictures', [41, 28, 35, 52]],
  ] as const;
  const sites = ['P1 (n = 38)', 'P7 (n = 104)', 'P8 (n = 88)', 'P9 (n = 61)'];
  return [
    {
      name: 'bar',
      chart: barChart({
        id: 'fidelity-p9',
        title: `Fidelity of ${HOSTILE_TEAM} as at 31 March 2020`,
        description: 'The share of cases meeting each of the 16 indicators, with its Wilson 95 % interval.',
        categoryHeader: 'Indicator',
        valueHeader: 'Rate (met/applicable)',
        axis: rates,
        categories: INDICATORS.map((id) => ({ label: INDICATOR_LABELS[id], ...rateDatum(figures(P9[id])) })),
      }),
    },
    {
      name: 'grouped',
      chart: groupedBarChart({
        id: 'round-vs-previous',
        title: 'Indicator rates, this round against the previous round',
        categoryHeader: 'Indicator',
        axis: rates,
        series: [{ name: `${RTL_TEAM}: this round` }, { name: `${ASTRAL_TEAM}: previous round` }, { name: HOSTILE_TEAM }],
        categories: INDICATORS.slice(0, 6).map((id) => ({ label: INDICATOR_LABELS[id], values: [rateDatum(figures(P8[id])), rateDatum(figures(P9[id])), rateDatum(figures(P9_T1[id]))] })),
      }),
    },
    {
      name: 'grouped-element-use',
      chart: groupedBarChart({
        id: 'element-use',
        title: 'Social workers using each element with some or all families, by pilot',
        categoryHeader: 'Element',
        axis: rateAxis('Respondents using the element'),
        series: sites.map((name) => ({ name })),
        categories: survey.map(([label, pcts]) => ({ label, values: pcts.map((p) => ({ value: p / 100 })) })),
      }),
    },
    {
      name: 'interval',
      chart: intervalChart({
        id: 'p8-vs-p9',
        title: 'Difference in rates, P8 minus P9, with Newcombe 95 % intervals',
        categoryHeader: 'Indicator',
        valueHeader: 'Difference',
        axis: differenceAxis('Difference in rate, percentage points'),
        directions: ['← higher in P9', 'higher in P8 →'],
        extraColumns: [{ header: 'P8', numeric: true }, { header: 'P9', numeric: true }],
        categories: INDICATORS.map((id) => {
          const d = proportionDifference(P8[id][0], P8[id][1], P9[id][0], P9[id][1]);
          return {
            label: INDICATOR_LABELS[id],
            value: d?.difference ?? null,
            interval: d?.ci95 ?? null,
            text: d ? formatPercentagePoints(d.difference) : undefined,
            cells: [rateDatum(figures(P8[id])).text!, rateDatum(figures(P9[id])).text!],
          };
        }),
      }),
    },
    {
      name: 'interval-t-scores',
      chart: intervalChart({
        id: 't-scores',
        title: 'Profiling tool: each site’s T-score against all sites',
        categoryHeader: 'Site',
        valueHeader: 'T-score',
        axis: numberAxis([38.2, 61.5, 47.9, 52.4], { min: 30, max: 70, title: 'T-score (50 = the mean of the sites)' }),
        reference: 50,
        categories: [['P1', 38.2], ['P7', 61.5], ['P8', 47.9], ['P9', 52.4], [HOSTILE_TEAM, null]].map(([label, t]) => ({
          label: label as string,
          value: t as number | null,
          text: t === null ? 'n/a (no responses)' : formatNumber(t as number, 1),
        })),
      }),
    },
    {
      name: 'change',
      chart: changeChart({
        id: 't1-t3',
        title: 'P9: the same 10 cases at T1 and at T3',
        categoryHeader: 'Indicator',
        axis: rates,
        from: { name: 'T1 (30 June 2019)' },
        to: { name: 'T3 (31 March 2020)' },
        extraColumns: [{ header: 'Lost', numeric: true }, { header: 'Gained', numeric: true }],
        categories: INDICATORS.map((id) => {
          const [a, b] = [figures(P9_T1[id]), figures(P9[id])];
          return {
            label: INDICATOR_LABELS[id],
            from: rateDatum(a).value,
            to: rateDatum(b).value,
            fromText: rateDatum(a).text,
            toText: rateDatum(b).text,
            cells: ['0', String(Math.max(0, b.met - a.met))],
          };
        }),
      }),
    },
    {
      name: 'bar-counts',
      chart: barChart({
        id: 'grades',
        title: 'Grades given in the round',
        categoryHeader: 'Grade',
        valueHeader: 'Audits',
        axis: numberAxis(grades, { includeZero: true, title: 'Audits' }),
        categories: kinds.map((label, i) => ({ label, value: grades[i], text: `${grades[i]} of ${grades.reduce((s, g) => s + g, 0)}` })),
      }),
    },
    {
      name: 'bar-means',
      chart: barChart({
        id: 'scores',
        title: 'Mapping the Future: mean total score by respondent, ± 1 SD',
        categoryHeader: 'Respondent',
        valueHeader: 'Mean',
        intervalHeader: 'Mean ± 1 SD',
        axis: numberAxis([0, 10], { includeZero: true, max: 10, title: 'Mean item score (0–10)' }),
        categories: [['Parents', 6.2, 1.8], ['Social workers', 7.4, 1.1], ['Network', 5.1, 2.4], ['Children', null, null]].map(([label, m, sd]) => ({
          label: label as string,
          value: m as number | null,
          interval: m === null ? null : ([(m as number) - (sd as number), (m as number) + (sd as number)] as const),
          text: m === null ? 'n/a (no responses)' : `${formatNumber(m as number, 1)} (SD ${formatNumber(sd as number, 1)})`,
        })),
      }),
    },
  ];
}

function page(body: string): string {
  return `<!doctype html>
<html lang="en" class="govuk-template">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Charts</title><link rel="stylesheet" href="/site.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">Charts</h1>
${body}
</main></div></body></html>`;
}

describe('charts in a browser under the strict Content-Security-Policy (e2e)', () => {
  // installing Debian's chromium on a fresh machine takes a minute or two
  jest.setTimeout(5 * 60_000);
  let server: Server;
  let base: string;
  let browser: Browser;
  const built = charts();

  beforeAll(async () => {
    const css = sass.compile(fromRepoRoot('test', 'support', 'charts-page.scss'), { loadPaths: [fromRepoRoot('node_modules'), fromRepoRoot()], quietDeps: true, silenceDeprecations: ['import'] }).css;
    const routes: Record<string, [string, string]> = {
      '/': ['text/html', page(built.map(({ name, chart }) => `<figure class="govuk-!-margin-0" id="figure-${name}">\n${chart.svg}\n${renderTable(chart.table)}\n</figure>`).join('\n'))],
      // a positive control: a page that breaks the policy, so the test shows it would see a violation
      '/control': ['text/html', page('<p style="color: red">inline style</p><script>window.__ran = true</script>')],
      '/site.css': ['text/css', css],
    };
    server = createServer((req, res) => {
      const route = routes[req.url ?? ''];
      if (!route) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': `${route[0]}; charset=utf-8`, 'content-security-policy': CSP }).end(route[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens a path with a listener for policy violations in place before the page's first byte. */
  async function open(path: string, width: number) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.addInitScript("document.addEventListener('securitypolicyviolation', (e) => { (window.__violations = window.__violations || []).push(e.violatedDirective); })");
    await tab.goto(`${base}${path}`, { waitUntil: 'load' });
    const violations = (await tab.evaluate('window.__violations || []')) as string[];
    return { context, tab, problems, violations };
  }

  it('would notice a page that breaks the policy', async () => {
    const { context, problems, violations } = await open('/control', 1024);
    expect(violations.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/Content Security Policy/);
    await context.close();
  });

  it.each([1024, 320])('shows every chart kind at %i px with no policy violation, no axe violation and no sideways scrolling', async (width) => {
    const { context, tab, problems, violations } = await open('/', width);
    try {
      expect({ violations, problems }).toEqual({ violations: [], problems: [] });
      expect(await tab.evaluate('window.__xss')).toBeUndefined();
      expect(await tab.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);

      const axe = await new AxeBuilder({ page: tab }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
      expect(axe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);

      // each chart: parsed as XML by the browser, named by its title and description, every text inside its drawing
      const sources = JSON.stringify(built.map(({ chart }) => chart.svg));
      const report = (await tab.evaluate(`[...document.querySelectorAll('svg.app-chart')].map((svg, i) => {
        const parsed = new DOMParser().parseFromString(${sources}[i], 'image/svg+xml');
        const box = svg.viewBox.baseVal;
        const outside = [...svg.querySelectorAll('text')].filter((t) => {
          const b = t.getBBox();
          return b.x < -0.5 || b.x + b.width > box.width + 0.5;
        }).map((t) => t.textContent);
        const ids = svg.getAttribute('aria-labelledby').split(' ');
        return {
          wellFormed: parsed.querySelector('parsererror') === null,
          labelledBy: ids.map((id) => document.getElementById(id)?.tagName),
          outside,
          rendered: svg.getBoundingClientRect().width <= document.documentElement.clientWidth,
        };
      })`)) as Array<{ wellFormed: boolean; labelledBy: string[]; outside: string[]; rendered: boolean }>;
      expect(report).toHaveLength(built.length);
      for (const r of report) expect(r).toEqual({ wellFormed: true, labelledBy: ['title', 'desc'], outside: [], rendered: true });

      // hostile names are shown as text, in the drawing and in the table
      const titles = (await tab.evaluate(`[...document.querySelectorAll('svg.app-chart title, svg.app-chart text')].map((t) => t.textContent)`)) as string[];
      expect(titles).toContain(`Fidelity of ${HOSTILE_TEAM} as at 31 March 2020`);
      expect(titles.some((t) => t.includes(RTL_TEAM))).toBe(true);
      expect(titles.some((t) => t.includes('🦊'))).toBe(true);
      expect(await tab.evaluate(`document.querySelectorAll('script, img, [onerror]').length`)).toBe(0);
      expect(await tab.evaluate('document.body.innerText')).toContain(HOSTILE_TEAM);

      const dir = process.env.MAPWORK_SCREENSHOTS;
      if (dir) {
        for (const { name } of built) await tab.locator(`#figure-${name} svg`).screenshot({ path: join(dir, `${name}-${width}.png`) });
        await tab.screenshot({ path: join(dir, `page-${width}.png`), fullPage: true });
      }
    } finally {
      await context.close();
    }
  });
});
