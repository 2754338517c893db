import Logging

/// How `logix` writes its log: through swift-log's `StreamLogHandler` to standard error, line for line as before,
/// but with the logger's metadata formatted when a line is written rather than every time it changes.
///
/// The stream handler formats its metadata again on each change. The server adds metadata to each request's
/// logger (Hummingbird's request id and Logix's) and logs on few requests, so the receiver formatted two
/// metadata strings per delivery that nobody read: a few per cent of its CPU (issue 14). Here the stream
/// handler holds no metadata of its own; a line's metadata is passed with the line, where the stream handler
/// merges and formats it exactly as it would have.
struct ConsoleLogHandler: LogHandler {
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String) {
        stream = StreamLogHandler.standardError(label: label)
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            // The line's own metadata wins over the logger's, as in the stream handler.
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, line in line }
        }
        stream.log(event: event)
    }
}
