/// A child process that could not be started: the program's path and the system's reason.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let program: String
    public let reason: String

    public var description: String { "cannot start \(program): \(reason)" }
}
