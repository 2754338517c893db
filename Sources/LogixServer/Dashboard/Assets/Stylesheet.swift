/// The dashboard's stylesheet: system fonts (nothing to download), colours that keep a 4.5:1 contrast, and
/// layouts that fold to one column on a 360 px phone.
enum Stylesheet {
    static let text = #"""
        :root {
          --ink: #111827; --muted: #4b5563; --line: #d1d5db; --bg: #f3f4f6; --card: #fff;
          --accent: #1d4ed8; --accent-ink: #fff;
          --ok: #166534; --ok-bg: #dcfce7; --warn: #854d0e; --warn-bg: #fef9c3;
          --bad: #991b1b; --bad-bg: #fee2e2; --idle: #374151; --idle-bg: #e5e7eb;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: var(--bg); line-height: 1.45;
        }
        * { box-sizing: border-box; }
        body { margin: 0; }
        a { color: var(--accent); }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 8px; top: 8px; background: #fff; padding: 6px; z-index: 10; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px; padding: 10px 20px;
          background: #0f172a; color: #e5e7eb; }
        header.top a { color: #e5e7eb; text-decoration: none; }
        .brand { display: flex; align-items: center; gap: 8px; font-weight: 700; font-size: 1.15rem; }
        nav ul { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
        nav a { display: block; padding: 6px 10px; border-radius: 6px; }
        nav a:hover, nav a:focus { background: #1e293b; }
        nav a[aria-current=page] { background: var(--accent); color: #fff; }
        .signout { margin-left: auto; display: flex; align-items: center; gap: 8px; font-size: .9rem; }
        .who { color: #cbd5e1; overflow-wrap: anywhere; }
        main { max-width: 1200px; margin: 0 auto; padding: 16px 20px 40px; }
        h1 { font-size: 1.6rem; margin: 8px 0 16px; }
        h2 { font-size: 1.2rem; margin: 0 0 12px; }
        footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 20px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px;
          margin-bottom: 16px; }
        .grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
        .grid > .card { margin-bottom: 0; }
        .split { display: grid; gap: 16px; grid-template-columns: 2fr 1fr; }
        @media (max-width: 800px) { .split { grid-template-columns: 1fr; } }
        .table-wrap { overflow-x: auto; }
        table { width: 100%; border-collapse: collapse; background: var(--card); font-size: .95rem; }
        th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
        td ul { margin: 0; padding: 0; list-style: none; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .pill { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: .85rem; font-weight: 600;
          white-space: nowrap; }
        .pill::before { content: "● "; }
        .ok { color: var(--ok); background: var(--ok-bg); }
        .warn { color: var(--warn); background: var(--warn-bg); }
        .bad { color: var(--bad); background: var(--bad-bg); }
        .idle { color: var(--idle); background: var(--idle-bg); }
        .card.ok, .card.warn, .card.bad, .card.idle { background: var(--card); color: var(--ink);
          border-left: 6px solid; }
        .card.ok { border-left-color: #16a34a; } .card.warn { border-left-color: #ca8a04; }
        .card.bad { border-left-color: #dc2626; } .card.idle { border-left-color: #6b7280; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .hint { color: var(--muted); font-size: .9rem; }
        form.stack { display: grid; gap: 12px; max-width: 560px; align-content: start; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; display: grid; gap: 8px; }
        legend { font-weight: 600; font-size: .9rem; padding: 0 4px; }
        form.inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
        form.inline .field { min-width: 140px; }
        .field { display: grid; gap: 4px; }
        label { font-weight: 600; font-size: .9rem; }
        input, select, textarea { font: inherit; padding: 8px 10px; border: 1px solid #9ca3af; border-radius: 6px;
          background: #fff; color: var(--ink); width: 100%; }
        input[type=checkbox] { width: auto; }
        .check { display: flex; gap: 8px; align-items: center; font-weight: 400; }
        input:focus, select:focus, textarea:focus, button:focus, a:focus { outline: 3px solid #93c5fd;
          outline-offset: 1px; }
        [aria-invalid=true] { border-color: var(--bad); }
        .field-error { color: var(--bad); font-size: .9rem; margin: 0; }
        button, .button { font: inherit; font-weight: 600; padding: 8px 14px; border-radius: 6px; border: 1px solid
          var(--accent); background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none;
          display: inline-block; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        button.link { background: none; border: none; color: inherit; text-decoration: underline; padding: 0; }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
        .actions form { margin: 0; }
        .notice { background: var(--ok-bg); color: var(--ok); border: 1px solid #86efac; padding: 10px 14px;
          border-radius: 8px; }
        .form-error { background: var(--bad-bg); color: var(--bad); border: 1px solid #fca5a5; padding: 10px 14px;
          border-radius: 8px; margin-bottom: 12px; }
        .form-error p { margin: 4px 0; }
        .notice, .form-error, .field-error, .hint { overflow-wrap: anywhere; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
          overflow-wrap: anywhere; }
        progress { width: 100%; height: 18px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); gap: 8px; }
        .figure { background: var(--bg); border-radius: 8px; padding: 8px 10px; }
        .figure b { display: block; font-size: 1.4rem; font-variant-numeric: tabular-nums; }
        .figure span { color: var(--muted); font-size: .85rem; }
        ol.timeline { list-style: none; margin: 0; padding: 0 0 0 14px; border-left: 3px solid var(--line); }
        ol.timeline li { position: relative; padding: 0 0 12px 12px; }
        ol.timeline li::before { content: ""; position: absolute; left: -22px; top: 6px; width: 11px; height: 11px;
          border-radius: 50%; background: var(--accent); border: 2px solid #fff; }
        ol.timeline time { color: var(--muted); font-size: .85rem; display: block; }
        .pager { display: flex; gap: 12px; align-items: center; margin: 12px 0; }
        .chart svg { width: 100%; height: auto; }
        .empty { color: var(--muted); padding: 12px 0; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
          white-space: nowrap; }
        .signin { max-width: 420px; margin: 40px auto; }
        a.store-card { display: block; color: inherit; text-decoration: none; }
        a.store-card:hover { border-color: var(--accent); }
        a.store-card h2 { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        .overview-figures { margin-bottom: 16px; }
        a.figure { color: inherit; text-decoration: none; background: var(--card); border: 1px solid var(--line); }
        a.figure:hover { border-color: var(--accent); }
        h2.section { margin-top: 8px; }
        nav.platforms { margin: 0 0 16px; }
        nav.platforms p { margin: 0 0 6px; font-weight: 600; font-size: .9rem; }
        nav.platforms ul { display: inline-flex; gap: 0; border: 1px solid var(--accent); border-radius: 8px;
          overflow: hidden; }
        nav.platforms a { border-radius: 0; padding: 8px 18px; background: var(--card); color: var(--accent);
          font-weight: 600; text-decoration: none; }
        nav.platforms li + li a { border-left: 1px solid var(--accent); }
        nav.platforms a:hover, nav.platforms a:focus { background: #dbeafe; outline-offset: -3px; }
        nav.platforms a[aria-current=page] { background: var(--accent); color: var(--accent-ink); }
        .platform { display: inline-block; padding: 0 8px; border: 1px solid var(--line); border-radius: 4px;
          background: var(--bg); color: var(--muted); font-size: .8rem; font-weight: 600; white-space: nowrap; }
        .charts { margin-top: 16px; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); }
        @media (max-width: 520px) { .charts { grid-template-columns: 1fr; } }
        @media (max-width: 520px) {
          main { padding: 12px; }
          header.top { padding: 10px 12px; }
          .signout { margin-left: 0; width: 100%; }
          th, td { padding: 6px; }
          h1 { font-size: 1.35rem; }
        }
        """#
}
