import Hummingbird

/// The operator's console, served at `/` beside the API: its assets, the sign-in pages (rate limited like
/// `auth/token`), and every other page behind a session. Each page calls the same use cases as the API, so
/// both follow the same rules, scoping and errors (ARCHITECTURE.md, "The dashboard": same rules as the API).
struct DashboardRoutes {
    let services: ServerServices
    let limiter: RateLimiter

    func addRoutes(to router: Router<AppRequestContext>) {
        AssetController().addRoutes(to: router)
        let open = router.group().add(middleware: ServerTimingMiddleware(clock: services.clock))
            .add(middleware: DashboardErrorMiddleware())
        let limited = open.group()
            .add(
                middleware: RateLimitMiddleware(
                    limiter: limiter, rule: services.configuration.tokenRateLimit, key: .clientAddress))
        let signIn = SignInPages(services: services)
        signIn.addRoutes(to: open, limited: limited)
        // The guides are open to everyone; a session only brings the signed-in navigation.
        DocsPages()
            .addRoutes(
                to: open.group()
                    .add(
                        middleware: SessionMiddleware(
                            sessions: services.dashboardSessions, access: services.userAccess, required: false)))
        let pages = open.group()
            .add(
                middleware: SessionMiddleware(
                    sessions: services.dashboardSessions, access: services.userAccess))
        signIn.addSignOut(to: pages)
        StorePages(services: services).addRoutes(to: pages)
        OutboxPages(services: services).addRoutes(to: pages)
        InventoryPages(services: services).addRoutes(to: pages)
        OrderPages(services: services).addRoutes(to: pages)
        OverviewPage(services: services).addRoutes(to: pages)
    }
}
