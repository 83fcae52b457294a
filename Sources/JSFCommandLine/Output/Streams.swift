import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The three standard streams of a command.
public enum StandardStream: Sendable {
    case input, output, error
}

/// Where a command's bytes come from and go to: the process's own streams when jsf runs, buffers when a test runs a
/// command in-process.
public protocol Streams: AnyObject, Sendable {
    func write(_ data: Data, to stream: StandardStream)
    /// Everything on standard input, up to its end.
    func readInput() -> Data
    /// Whether `stream` is a terminal (colour, progress, the editor).
    func isTerminal(_ stream: StandardStream) -> Bool
}

/// The process's file descriptors 0, 1 and 2.
public final class ProcessStreams: Streams {
    public init() {}

    public func write(_ data: Data, to stream: StandardStream) {
        (stream == .error ? FileHandle.standardError : FileHandle.standardOutput).write(data)
    }

    public func readInput() -> Data {
        FileHandle.standardInput.readDataToEndOfFile()
    }

    public func isTerminal(_ stream: StandardStream) -> Bool {
        switch stream {
        case .input: isatty(STDIN_FILENO) == 1
        case .output: isatty(STDOUT_FILENO) == 1
        case .error: isatty(STDERR_FILENO) == 1
        }
    }
}

/// Streams held in memory: what a command wrote, and the input it is given. Safe to share between threads.
public final class BufferStreams: Streams, @unchecked Sendable {
    private let lock = NSLock()
    private var buffers: (output: Data, error: Data) = (Data(), Data())
    private let input: Data
    private let terminals: Set<StandardStream>

    /// `terminals` lists the streams that claim to be a terminal (none by default, as under a pipe).
    public init(input: Data = Data(), terminals: Set<StandardStream> = []) {
        self.input = input
        self.terminals = terminals
    }

    public func write(_ data: Data, to stream: StandardStream) {
        lock.lock()
        defer { lock.unlock() }
        if stream == .error { buffers.error.append(data) } else { buffers.output.append(data) }
    }

    public func readInput() -> Data { input }

    public func isTerminal(_ stream: StandardStream) -> Bool { terminals.contains(stream) }

    /// What was written to standard output, as UTF-8 text.
    public var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffers.output, as: UTF8.self)
    }

    /// What was written to standard error, as UTF-8 text.
    public var error: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffers.error, as: UTF8.self)
    }

    /// The raw bytes of standard output (an exported document, for instance).
    public var outputData: Data {
        lock.lock()
        defer { lock.unlock() }
        return buffers.output
    }
}
