import Foundation

/// The process's standard error, for the one line a command prints when it cannot do its work.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
