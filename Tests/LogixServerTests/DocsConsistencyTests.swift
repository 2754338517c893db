import Foundation
import LogixTestSupport
import Testing

@testable import LogixServer

/// The guides cannot rot: what they include, name and link is checked against the repository and the real
/// `logix` binary. Each check is also run on a small made-up guide with a known mistake, to show it catches it.
@Suite struct DocsConsistencyTests {
    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// `docs/*.md`, sorted.
    static func guides() throws -> [DocsChecks.File] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            read("docs/" + name).map { DocsChecks.File(path: "docs/" + name, text: $0) }
        }
    }

    static func swiftSources(under folder: String) -> [DocsChecks.File] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var files: [DocsChecks.File] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift"), let text = read(folder + "/" + relative) else { continue }
            files.append(DocsChecks.File(path: folder + "/" + relative, text: text))
        }
        return files.sorted { $0.path < $1.path }
    }

    static func report(_ problems: [String]) -> Comment {
        Comment(rawValue: "\(problems.count) problem(s):\n" + problems.joined(separator: "\n\n"))
    }

    // MARK: - The repository

    @Test func everyIncludedExampleIsItsFileExactly() throws {
        let problems = DocsChecks.exampleProblems(in: try Self.guides(), read: Self.read)
        #expect(problems.isEmpty, Self.report(problems))
    }

    /// Codes the sources spell that the API never answers, and why.
    static let notAnswered: [String: String] = [
        // `SyncError(.notFound, code: "user")` from `logix users`: the API turns every not-found into not_found.
        "user": "a not-found of the users command"
    ]

    /// WooCommerce's own codes, passed through, that issue 13 names.
    static let passedThrough = [
        "woocommerce_rest_authentication_error", "woocommerce_rest_cannot_view", "rest_invalid_param",
    ]

    @Test func everyErrorCodeHasATroubleshootingSection() throws {
        var codes = DocsChecks.errorCodes(
            in: Self.swiftSources(under: "Sources/LogixServer") + Self.swiftSources(under: "Sources/Sync"))
        for code in Self.notAnswered.keys { codes[code] = nil }
        // Built, not spelled: `store_\(error.kind)` when the store failed without a code of its own. (The other
        // built code, `http_\(status)`, is for an `HTTPError` of another status than 400, 404, 405 and 413, which
        // only the dashboard's pages throw, and they answer HTML.)
        let wooError = try #require(Self.read("Sources/WooCommerce/Client/WooCommerceError.swift"))
        let storeCodes = DocsChecks.storeFailureCodes(wooCommerceErrorSource: wooError)
        #expect(storeCodes.contains("store_transport") && storeCodes.contains("store_timeout"), "\(storeCodes)")
        for code in storeCodes { codes[code] = "Sources/LogixServer/Middleware/ErrorMiddleware.swift (store_\\(kind))" }
        for code in Self.passedThrough { codes[code] = "the store's own code, passed through (issue 13)" }
        // The collection itself works: codes every build answers are among them.
        #expect(["not_found", "invalid_fields", "rate_limited", "invalid_token"].allSatisfy { codes[$0] != nil })
        let problems = DocsChecks.missingCodeProblems(
            codes: codes, troubleshooting: Self.read("docs/troubleshooting.md"))
        #expect(problems.isEmpty, Self.report(problems))
    }

    @Test func everyLogixCommandInTheGuidesIsOneTheBinaryAccepts() async throws {
        var files = try Self.guides()
        if let readme = Self.read("README.md") { files.append(DocsChecks.File(path: "README.md", text: readme)) }
        let commands = files.flatMap(DocsChecks.commandLines)
        #expect(!commands.isEmpty, "the README shows logix commands; none was found")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let problems = try await DocsChecks.commandProblems(commands) { path in
            let outcome = try await LogixProcess.run(path + ["--help"], in: folder, timeout: 30)
            return outcome.status == 0 ? outcome.standardOutput : nil
        }
        #expect(problems.isEmpty, Self.report(problems))
    }

    @Test func everyLinkOfTheGuidesLandsOnAFileAndAHeading() throws {
        var files = try Self.guides()
        if let readme = Self.read("README.md") { files.append(DocsChecks.File(path: "README.md", text: readme)) }
        let problems = DocsChecks.linkProblems(in: files, read: Self.read)
        #expect(problems.isEmpty, Self.report(problems))
    }

    // MARK: - The checks, on made-up guides

    @Test func aBlockThatIsNotItsFileIsCaughtWithTheDifference() {
        let files = ["examples/curl/get-token.sh": "#!/bin/sh\ncurl -s \"$LOGIX_URL/api/v1/auth/token\"\necho done\n"]
        let good = DocsChecks.File(
            path: "docs/good.md",
            text: "Get a token:\n\n<!-- example: examples/curl/get-token.sh -->\n```sh\n#!/bin/sh\n"
                + "curl -s \"$LOGIX_URL/api/v1/auth/token\"\necho done\n```\n")
        #expect(DocsChecks.exampleProblems(in: [good], read: { files[$0] }).isEmpty)

        let stale = DocsChecks.File(
            path: "docs/stale.md",
            text:
                "<!-- example: examples/curl/get-token.sh -->\n```sh\n#!/bin/sh\ncurl \"$LOGIX_URL/token\"\necho done\n```\n"
        )
        let problems = DocsChecks.exampleProblems(in: [stale], read: { files[$0] })
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix("docs/stale.md:1: the block under the marker is not examples/curl/get-token.sh")
                == true)
        #expect(problems.first?.contains(#"- curl "$LOGIX_URL/token""#) == true, "\(problems)")
        #expect(problems.first?.contains(#"+ curl -s "$LOGIX_URL/api/v1/auth/token""#) == true, "\(problems)")

        let apart = DocsChecks.File(
            path: "docs/apart.md", text: "<!-- example: examples/curl/get-token.sh -->\n\n```sh\nx\n```\n")
        #expect(
            DocsChecks.exampleProblems(in: [apart], read: { files[$0] }).first?.contains("not followed at once") == true
        )
        let missing = DocsChecks.File(
            path: "docs/missing.md", text: "<!-- example: examples/nope.sh -->\n```sh\nx\n```\n")
        #expect(
            DocsChecks.exampleProblems(in: [missing], read: { files[$0] }).first?.contains("does not exist") == true)
    }

    @Test func aCodeWithoutItsSectionIsCaught() {
        let sources = [
            DocsChecks.File(
                path: "Sources/Sync/X.swift",
                text: #"throw APIError(.conflict, code: "not_dead", "…")\#nlet c = error.code ?? "conflict""#)
        ]
        let codes = DocsChecks.errorCodes(in: sources)
        #expect(Set(codes.keys) == ["not_dead", "conflict"])
        #expect(codes["not_dead"] == "Sources/Sync/X.swift:1")
        let guide = "# Troubleshooting\n\n### `not_dead`\n\nThe item is not dead.\n"
        let problems = DocsChecks.missingCodeProblems(codes: codes, troubleshooting: guide)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("no section for the error code conflict") == true, "\(problems)")
        #expect(problems.first?.contains("### `conflict`") == true)
        #expect(
            DocsChecks.missingCodeProblems(codes: codes, troubleshooting: nil).first?.contains("does not exist") == true
        )
        let kinds = DocsChecks.storeFailureCodes(
            wooCommerceErrorSource:
                "fileprivate enum Code: String {\n case http\n case addressRefused = \"address_refused\"\n}")
        #expect(kinds == ["store_http", "store_address_refused"])
    }

    /// `logix`'s help as ArgumentParser prints it, for a made-up command tree.
    static let help: [[String]: String] = [
        []: "USAGE: logix <subcommand>\n\nOPTIONS:\n  --version   Show the version.\n  -h, --help  Show help.\n\n"
            + "SUBCOMMANDS:\n  serve (default)   Start the server (default 127.0.0.1:8080,\n                    SQLite file).\n"
            + "  orders            Orders.\n\n  See 'logix help <subcommand>'.\n",
        ["serve"]:
            "USAGE: logix serve [--port <port>] [--allow-private-stores]\n\nOPTIONS:\n  -p, --port <port>  The port.\n"
            + "  --allow-private-stores  Private.\n  -h, --help  Show help.\n",
        ["orders"]: "SUBCOMMANDS:\n  list   List.\n  show   Show.\n",
        ["orders", "list"]: "OPTIONS:\n  --status <status>  Status.\n  --[no-]review  Flagged.\n  --json  JSON.\n",
        ["orders", "show"]: "ARGUMENTS:\n  <id>\n\nOPTIONS:\n  --json\n",
    ]

    @Test func anUnknownSubcommandOrFlagIsCaught() async throws {
        let guide = DocsChecks.File(
            path: "docs/x.md",
            text: """
                ```sh
                swift run logix serve --port 8080 --allow-private-stores
                LOGIX_USER=ops@example.com logix orders list --status ready --json | jq .
                .build/release/logix orders show 12 --json && logix orders list --no-review
                logix orders list \\
                  --state dead
                swift run -c release logix order list
                logix serve --port=9 --verbose
                ```

                ```text
                logix not a command
                ```
                """)
        let commands = DocsChecks.commandLines(in: guide)
        #expect(commands.count == 7, "\(commands)")
        #expect(commands[4].arguments == ["orders", "list", "--state", "dead"])
        #expect(commands[4].line == 5)
        let problems = await DocsChecks.commandProblems(commands) { Self.help[$0] }
        #expect(problems.count == 3, Self.report(problems))
        #expect(
            problems.contains {
                $0.hasPrefix("docs/x.md:5: ") && $0.contains("`logix orders list` has no flag --state")
            })
        #expect(
            problems.contains {
                $0.hasPrefix("docs/x.md:7: ") && $0.contains("`logix` has no subcommand order (it has: orders, serve)")
            })
        #expect(
            problems.contains { $0.hasPrefix("docs/x.md:8: ") && $0.contains("`logix serve` has no flag --verbose") })
    }

    @Test func aDeadLinkOrAnchorIsCaught() {
        let files = [
            "docs/a.md": "# A\n\n## Webhooks: why late?\n\nSee [b](b.md#set-up) and [late](#webhooks-why-late).\n",
            "docs/b.md": "# B\n\n## Set up\n\nBack to [a](a.md#webhooks-why-late), [the README](../README.md), "
                + "[gone](c.md), [no anchor](a.md#webhooks), [outside](../../x.md), [web](https://example.com#x).\n",
            "README.md": "# Readme\n",
        ]
        let problems = DocsChecks.linkProblems(
            in: files.map { DocsChecks.File(path: $0.key, text: $0.value) }, read: { files[$0] })
        #expect(problems.count == 3, Self.report(problems))
        #expect(problems.contains { $0.contains("(c.md) names docs/c.md, which does not exist") })
        #expect(
            problems.contains {
                $0.contains("(a.md#webhooks) names the anchor #webhooks, but docs/a.md has no such heading")
                    && $0.contains("close: #webhooks-why-late")
            })
        #expect(problems.contains { $0.contains("(../../x.md) leaves the repository") })
    }
}
