import Foundation
import Spawn
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`: its streams, environment and directory as asked, only its standard
/// descriptors inherited, its end awaited and its signals delivered.
@Suite struct ChildProcessTests {
    let shell = URL(fileURLWithPath: "/bin/sh")

    /// A file in a fresh temporary folder, created empty and opened for writing.
    func outputFile() throws -> (URL, FileHandle) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        return (file, try FileHandle(forWritingTo: file))
    }

    @Test func theExitStatusAndTheOutputFileAreTheChilds() async throws {
        let (file, handle) = try outputFile()
        let child = try ChildProcess(
            executable: shell, arguments: ["-c", "echo written; echo to-error >&2; exit 3"], output: .file(handle))
        let termination = await child.exit()
        try handle.close()
        #expect(termination == ChildProcess.Termination(status: 3, bySignal: false))
        #expect(!child.isRunning)
        #expect(try String(contentsOf: file, encoding: .utf8) == "written\n")
    }

    @Test func aPipeIsReadToItsEndOnceTheChildExits() async throws {
        let pipe = Pipe()
        let child = try ChildProcess(
            executable: shell, arguments: ["-c", "printf 'one\\ntwo\\n'"], output: .pipe(pipe), error: .pipe(pipe))
        // Returns only because the parent's copy of the write end was closed when the child started.
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text == "one\ntwo\n")
        #expect(await child.exit().status == 0)
    }

    @Test func inputComesFromAPipe() async throws {
        let input = Pipe()
        let (file, handle) = try outputFile()
        let child = try ChildProcess(
            executable: URL(fileURLWithPath: "/bin/cat"), input: .pipe(input), output: .file(handle))
        input.fileHandleForWriting.write(Data("through cat\n".utf8))
        try input.fileHandleForWriting.close()
        #expect(await child.exit().status == 0)
        try handle.close()
        #expect(try String(contentsOf: file, encoding: .utf8) == "through cat\n")
    }

    @Test func onlyTheGivenEnvironmentAndDirectoryReachTheChild() async throws {
        let (file, handle) = try outputFile()
        let folder = file.deletingLastPathComponent().resolvingSymlinksInPath()
        let child = try ChildProcess(
            executable: shell, arguments: ["-c", "pwd; echo \"$ONLY|${HOME:-no home}\""],
            environment: ["ONLY": "given"], directory: folder, output: .file(handle))
        #expect(await child.exit().status == 0)
        try handle.close()
        #expect(try String(contentsOf: file, encoding: .utf8) == "\(folder.path)\ngiven|no home\n")
    }

    @Test func descriptorsOpenInTheParentAreNotInherited() async throws {
        // Opened without O_CLOEXEC, as a careless library might: the child must still not get it.
        let leaked = open("/dev/null", O_RDONLY)
        #expect(leaked > 2)
        defer { close(leaked) }
        let (file, handle) = try outputFile()
        let child = try ChildProcess(
            executable: shell, arguments: ["-c", "ls /proc/$$/fd"], output: .file(handle))
        #expect(await child.exit().status == 0)
        try handle.close()
        let descriptors = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(!descriptors.contains("\(leaked)"))
        #expect(Set(descriptors).isSuperset(of: ["0", "1", "2"]))
    }

    @Test func aSignalEndsTheChildAndSaysSo() async throws {
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/bin/sleep"), arguments: ["30"])
        #expect(child.isRunning)
        #expect(await child.exit(within: .milliseconds(50)) == nil, "still sleeping")
        child.terminate()
        let termination = await child.exit(within: .seconds(10))
        #expect(termination == ChildProcess.Termination(status: SIGTERM, bySignal: true))
        // Once reaped, a signal goes nowhere: the id may be another process's by now.
        child.send(SIGKILL)
        #expect(child.termination == termination)
    }

    @Test func aProgramThatIsNotThereIsNamedInTheError() throws {
        let error = #expect(throws: ChildProcessError.self) {
            try ChildProcess(executable: URL(fileURLWithPath: "/nowhere/logix-missing"))
        }
        #expect(error?.description.hasPrefix("cannot start /nowhere/logix-missing: starting it: ") == true)
    }
}
