import LogixCore
import Testing

@Suite struct StockLevelTests {
    let level = StockLevel(sku: "TEE-M", onHand: 10, reserved: 3)

    @Test func availableIsOnHandMinusReserved() {
        #expect(level.available == 7)
        #expect(StockLevel(sku: "X", onHand: 2, reserved: 5).available == -3, "oversold shows as negative")
    }

    @Test func reservingAddsToReserved() {
        #expect(level.reserving(4) == StockLevel(sku: "TEE-M", onHand: 10, reserved: 7))
        #expect(level.reserving(20).available == -13)
    }

    @Test func releasingNeverGoesBelowZero() {
        #expect(level.releasing(2).reserved == 1)
        #expect(level.releasing(5).reserved == 0)
        #expect(level.releasing(5).onHand == 10)
    }

    @Test func consumingTakesFromOnHandAndReserved() {
        #expect(level.consuming(3) == StockLevel(sku: "TEE-M", onHand: 7, reserved: 0))
        #expect(level.consuming(5) == StockLevel(sku: "TEE-M", onHand: 5, reserved: 0), "shipped unreserved goods")
        #expect(level.consuming(12).onHand == -2, "shipping what was oversold is still recorded")
    }

    @Test func settingOnHandKeepsReservations() {
        #expect(level.settingOnHand(4) == StockLevel(sku: "TEE-M", onHand: 4, reserved: 3))
        #expect(level.settingOnHand(-1).available == -4)
    }

    @Test func negativeQuantitiesAreTreatedAsZero() {
        #expect(level.reserving(-5) == level)
        #expect(level.releasing(-5) == level)
        #expect(level.consuming(-5) == level)
        #expect(StockLevel(sku: "X", onHand: 1, reserved: -2).reserved == 0)
    }

    @Test func applyingAnEffectUsesOnlyThisSKUsShare() {
        let items = [StockQuantity(sku: "MUG", quantity: 9), StockQuantity(sku: "TEE-M", quantity: 2)]
        #expect(level.applying(.reserveStock(items)).reserved == 5)
        #expect(level.applying(.releaseStock(items)).reserved == 1)
        #expect(level.applying(.consumeStock(items)) == StockLevel(sku: "TEE-M", onHand: 8, reserved: 1))
        #expect(level.applying(.createTask(.pick)) == level)
        #expect(level.applying(.cancelOpenTasks) == level)
        #expect(StockLevel(sku: "OTHER", onHand: 1).applying(.reserveStock(items)).reserved == 0)
    }
}
