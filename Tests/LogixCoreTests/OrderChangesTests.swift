import Foundation
import LogixCore
import Testing

@Suite struct OrderChangesTests {
    let stored = SampleOrders.order(status: .packed)

    func incoming(_ edit: (inout Order) -> Void) -> Order {
        var order = stored
        order.storeModifiedAt += 300
        edit(&order)
        return order
    }

    @Test func theSameVersionTwiceIsNeitherNewerNorDifferent() {
        let changes = OrderChanges(stored: stored, incoming: stored)
        #expect(!changes.isNewer)
        #expect(!changes.storeDataDiffers)
        #expect(changes.commercial.isEmpty)
        #expect(changes.reviewFlag(forOrderIn: .packed) == nil)
    }

    @Test func anOlderVersionIsNotNewer() {
        var older = stored
        older.storeModifiedAt -= 1
        older.customerNote = "stale"
        let changes = OrderChanges(stored: stored, incoming: older)
        #expect(!changes.isNewer)
        #expect(changes.storeDataDiffers)
        #expect(!older.isNewer(than: stored))
        #expect(stored.isNewer(than: older))
    }

    @Test func whatLogixOwnsIsNotStoreData() {
        let mapped = incoming { order in
            order.id = nil
            order.status = .ready
            order.review = ReviewFlag(reason: .storeStatusNotAllowed)
            order.updatedAt = .distantFuture
        }
        let changes = OrderChanges(stored: stored, incoming: mapped)
        #expect(changes.isNewer)
        #expect(!changes.storeDataDiffers, "a newer stamp with the same data only advances the version")
        #expect(stored.hasSameStoreData(as: mapped))
    }

    @Test func totalsAreStoreDataButNotCommercialChanges() {
        let changes = OrderChanges(stored: stored, incoming: incoming { $0.refundedTotal = 5 })
        #expect(changes.storeDataDiffers)
        #expect(changes.commercial.isEmpty)
    }

    @Test func aChangedShippingAddressIsListedFieldByField() {
        let changes = OrderChanges(
            stored: stored,
            incoming: incoming { order in
                order.shippingAddress.city = "Köln"
                order.shippingAddress.postcode = "50667"
            }
        )
        #expect(
            changes.commercial == [
                FieldChange(field: "shippingAddress.city", old: "München", new: "Köln"),
                FieldChange(field: "shippingAddress.postcode", old: "80331", new: "50667"),
            ]
        )
        #expect(
            changes.reviewFlag(forOrderIn: .packed)
                == ReviewFlag(reason: .storeEditAfterFulfillmentStarted, changes: changes.commercial)
        )
        #expect(changes.reviewFlag(forOrderIn: .ready) == nil, "before picking the store's edit just applies")
    }

    @Test func billingMethodAndNote() {
        let changes = OrderChanges(
            stored: stored,
            incoming: incoming { order in
                order.billingAddress.email = nil
                order.shippingMethod = nil
                order.customerNote = "Nicht klingeln"
            }
        )
        #expect(
            changes.commercial == [
                FieldChange(field: "billingAddress.email", old: "joerg@example.de", new: ""),
                FieldChange(field: "shippingMethod", old: "DHL Paket", new: ""),
                FieldChange(field: "customerNote", old: "Bitte beim Nachbarn abgeben", new: "Nicht klingeln"),
            ]
        )
    }

    @Test func aLineQuantityChange() {
        let changes = OrderChanges(stored: stored, incoming: incoming { $0.lines[0].quantity = 3 })
        #expect(changes.commercial == [FieldChange(field: "lines[11].quantity", old: "2", new: "3")])
    }

    @Test func aRefundedLineChangesWhatIsSent() {
        let changes = OrderChanges(stored: stored, incoming: incoming { $0.lines[1].refundedQuantity = 1 })
        #expect(changes.commercial == [FieldChange(field: "lines[12].refundedQuantity", old: "0", new: "1")])
    }

    @Test func aSwappedVariationOnTheSameLine() {
        let changes = OrderChanges(
            stored: stored,
            incoming: incoming { order in
                order.lines[0].sku = "TEE-L"
                order.lines[0].externalVariationID = 102
            }
        )
        #expect(
            changes.commercial == [
                FieldChange(field: "lines[11].sku", old: "TEE-M", new: "TEE-L"),
                FieldChange(field: "lines[11].externalVariationID", old: "101", new: "102"),
            ]
        )
    }

    @Test func aLineAddedAndOneRemoved() {
        let changes = OrderChanges(
            stored: stored,
            incoming: incoming { order in
                order.lines.remove(at: 1)
                order.lines.append(
                    OrderLine(externalLineID: 13, sku: "CAP", name: "Cap", quantity: 1, unitPrice: 12)
                )
            }
        )
        #expect(
            changes.commercial == [
                FieldChange(field: "lines[13]", old: "", new: "1 × CAP Cap"),
                FieldChange(field: "lines[12]", old: "1 × MUG Mug", new: ""),
            ]
        )
    }

    @Test func reorderedLinesAreNotAChange() {
        let changes = OrderChanges(stored: stored, incoming: incoming { $0.lines.reverse() })
        #expect(changes.commercial.isEmpty)
    }

    @Test func linesWithoutStoreIDsAreFollowedByTheirGoods() {
        let withoutIDs = SampleOrders.lines.map { line in
            var line = line
            line.externalLineID = nil
            return line
        }
        let old = SampleOrders.order(lines: withoutIDs)
        var new = old
        new.lines[1].quantity = 4
        new.lines.append(OrderLine(sku: nil, name: "Gift wrap", quantity: 1, unitPrice: 2))
        #expect(
            OrderChanges.commercialChanges(from: old, to: new) == [
                FieldChange(field: "lines[sku=MUG].quantity", old: "1", new: "4"),
                FieldChange(field: "lines[name=Gift wrap]", old: "", new: "1 × (no SKU) Gift wrap"),
            ]
        )
    }
}
