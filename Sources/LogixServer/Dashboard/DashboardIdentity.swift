/// Who a dashboard page is for: the signed-in user and the token their forms must carry.
struct DashboardIdentity: Sendable {
    var userID: Int64
    var email: String
    var csrfToken: String
}
