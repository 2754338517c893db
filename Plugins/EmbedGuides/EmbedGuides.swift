import Foundation
import PackagePlugin

/// Compiles the guides (`docs/*.md`) and the example files they include (`examples/…`) into the target as
/// string constants, so a deployed `logix` serves its documentation without a source tree beside it.
///
/// Every file is a declared input: a changed guide or example regenerates the source, and a file added or
/// removed changes the command itself (the plugin runs at every build's planning and lists the folders again).
@main
struct EmbedGuides: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let files = Self.embeddedFiles(in: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedGuides.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) guide and example files in \(target.name)",
                executable: try context.tool(named: "GuideEmbedder").url,
                arguments: [output.path, root.path] + files,
                inputFiles: files.map { root.appending(path: $0) },
                outputFiles: [output])
        ]
    }

    /// Repository-relative paths of `docs/*.md` and of every visible file under `examples/`, sorted.
    static func embeddedFiles(in root: URL) -> [String] {
        let manager = FileManager.default
        var paths: [String] = []
        let docs = root.appending(path: "docs")
        if let names = try? manager.contentsOfDirectory(atPath: docs.path) {
            paths += names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.map { "docs/" + $0 }
        }
        let examples = root.appending(path: "examples")
        if let walker = manager.enumerator(atPath: examples.path) {
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name == "__pycache__" || name == "node_modules" {
                    walker.skipDescendants()
                    continue
                }
                var isDirectory: ObjCBool = false
                let path = examples.appending(path: relative).path
                guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    continue
                }
                paths.append("examples/" + relative)
            }
        }
        return paths.sorted()
    }
}
