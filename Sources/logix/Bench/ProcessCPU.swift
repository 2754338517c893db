import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// This process's CPU time so far, user and system, from `getrusage` (all its threads).
enum ProcessCPU {
    static func seconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// The CPU time of the PostgreSQL server processes serving one database on this machine — its backends,
/// whose process title is `postgres: USER DATABASE HOST(PORT) STATE` — read from `/proc` (Linux), so that a
/// benchmark counts the database work its queries cause, not only its own process's.
enum PostgresBackendCPU {
    static func seconds(database: String) -> Double {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticks > 0, let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        var total = 0.0
        for pid in pids where pid.allSatisfy(\.isNumber) {
            guard let title = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
                title.hasPrefix("postgres: "), title.split(separator: " ").dropFirst(2).first == Substring(database),
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After the command name: state is field 3, utime and stime fields 14 and 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            total += (user + system) / ticks
        }
        return total
    }
}
