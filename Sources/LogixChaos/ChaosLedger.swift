/// What a chaos run did — to the store as its shoppers and admin, and through the API as the warehouse — and so
/// what the end state must show. Only answers the run is sure of are recorded: an event whose request died with
/// its server is looked up afterwards (see ``ChaosTraffic``), never assumed.
struct ChaosLedger: Sendable {
    /// Store orders the run placed, edited, and cancelled in the store.
    var placed: [Int] = []
    var edited = 0
    var cancelledInStore: Set<Int> = []
    /// The warehouse's events Logix accepted, by kind (`picked`, `packed`, `shipped`, `delivered`, `cancelled`).
    var events: [String: Int] = [:]
    /// Events Logix refused with a 4xx (an illegal step, e.g. the store cancelled the order meanwhile).
    var refused = 0
    /// Events whose request died with its server; each was then looked up and counted as applied or not.
    var ambiguous = 0
    /// The tracking number of each store order Logix shipped.
    var shipped: [Int: String] = [:]
    /// The reason of each store order the warehouse cancelled.
    var cancelledByWarehouse: [Int: String] = [:]
    /// Stock counts set through the API.
    var stockSets = 0
    /// Kills and restarts of servers.
    var kills = 0

    /// Store orders whose fulfillment the run began: the store leaves them alone from then on, as a shop
    /// rarely cancels what the warehouse is packing (and the expectations stay exact).
    var touched: Set<Int> = []

    mutating func record(event: String) {
        events[event, default: 0] += 1
    }
}
