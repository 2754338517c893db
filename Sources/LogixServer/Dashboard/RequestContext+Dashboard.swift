import Hummingbird

extension AppRequestContext {
    /// The signed-in user of a dashboard page; the session middleware guarantees it on every guarded route.
    func identity() throws -> DashboardIdentity {
        guard let dashboard else { throw HTTPError(.unauthorized) }
        return dashboard
    }

    /// A numeric path parameter; anything else is a page that does not exist.
    func id(_ name: String) throws -> Int64 {
        guard let id = parameters.get(name, as: Int64.self) else {
            throw Problem(status: .notFound, code: "not_found", message: "no such page")
        }
        return id
    }
}
