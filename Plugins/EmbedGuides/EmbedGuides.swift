import Foundation
import PackagePlugin

/// Compiles the guides (`docs/*.md`) and the example files they include (`examples/…`) into the target as
/// string constants, so a deployed `logix` serves its documentation without a source tree beside it.
///
/// The tool lists the folders itself when it runs. Its inputs are the files (a changed guide regenerates the
/// source) and the folders (a file added or removed changes a folder's modification time): SwiftPM plans a
/// build once and reuses the plan until the package's targets change, so a file list fixed here would miss a
/// new guide until then.
@main
struct EmbedGuides: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedGuides.swift")
        return [
            .buildCommand(
                displayName: "Embedding the guides and examples in \(target.name)",
                executable: try context.tool(named: "GuideEmbedder").url,
                arguments: [output.path, root.path],
                inputFiles: Self.inputs(in: root),
                outputFiles: [output])
        ]
    }

    /// `docs/` and its files, `examples/` and everything under it.
    static func inputs(in root: URL) -> [URL] {
        let manager = FileManager.default
        var inputs: [URL] = []
        for folder in ["docs", "examples"] {
            let base = root.appending(path: folder)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: base.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            inputs.append(base)
            guard let walker = manager.enumerator(atPath: base.path) else { continue }
            while let relative = walker.nextObject() as? String {
                if (relative as NSString).lastPathComponent.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                inputs.append(base.appending(path: relative))
            }
        }
        return inputs
    }
}
