import Foundation
import NIOCore
import WooCommerce

extension WooOrderDeliveries {
    /// An order body with fixed-width marks where a delivery's own values go (`#I##########` for the order id,
    /// and so on): writing a delivery copies the bytes and writes its values over the marks.
    struct BodyTemplate: Sendable {
        /// A delivery's value that the body holds, each always of the same width.
        enum Field: UInt8, CaseIterable, Sendable {
            case id = 0x49  // "I"
            case lineID = 0x4C  // "L"
            case taxLineID = 0x4D  // "M"
            case metaID = 0x4E  // "N"
            case key = 0x4B  // "K"
            case createdLocal = 0x43  // "C"
            case modifiedLocal = 0x44  // "D"
            case createdGMT = 0x45  // "E"
            case modifiedGMT = 0x46  // "F"

            /// Twelve digits for ids (``WooOrderDeliveries/firstOrderID`` keeps every id and line id so), 13
            /// characters for the key, 19 for a date.
            var width: Int {
                switch self {
                case .id, .lineID, .taxLineID, .metaID: 12
                case .key: 13
                case .createdLocal, .modifiedLocal, .createdGMT, .modifiedGMT: 19
                }
            }
        }

        private let bytes: [UInt8]
        private let marks: [(offset: Int, field: Field)]

        /// A template from a body written with ``mark(_:)`` in place of each value; every `#` must begin a mark.
        init(_ body: String) throws {
            let bytes = Array(body.utf8)
            var marks: [(offset: Int, field: Field)] = []
            var offset = 0
            while offset < bytes.count {
                guard bytes[offset] == UInt8(ascii: "#") else {
                    offset += 1
                    continue
                }
                guard offset + 1 < bytes.count, let field = Field(rawValue: bytes[offset + 1]),
                    Array(bytes[offset..<min(bytes.count, offset + field.width)]) == Array(Self.mark(field).utf8)
                else { throw TemplateError(offset: offset) }
                marks.append((offset, field))
                offset += field.width
            }
            self.bytes = bytes
            self.marks = marks
        }

        /// The mark for `field`: `#`, the field's letter, and `#` to its width.
        static func mark(_ field: Field) -> String {
            "#" + String(UnicodeScalar(field.rawValue)) + String(repeating: "#", count: field.width - 2)
        }

        /// `field`'s text for `values`, as a body written out in full has it.
        static func text(_ field: Field, of values: Values) -> String {
            // The store's time zone is Europe/Berlin: local dates an hour ahead of the GMT ones (in winter).
            switch field {
            case .id: "\(values.id)"
            case .lineID: "\(values.lineID)"
            case .taxLineID: "\(values.lineID + 1)"
            case .metaID: "\(values.lineID + 2)"
            case .key: values.key
            case .createdLocal: date(values.created + 3600)
            case .modifiedLocal: date(values.modified + 3600)
            case .createdGMT: date(values.created)
            case .modifiedGMT: date(values.modified)
            }
        }

        /// Writes the body with `values` over its marks.
        func write(_ values: Values, into buffer: inout ByteBuffer) {
            let key = Array(values.key.utf8)
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count) { target in
                let body = UnsafeMutableRawBufferPointer(rebasing: target[..<bytes.count])
                body.copyBytes(from: bytes)
                for (offset, field) in marks {
                    let at = body.baseAddress! + offset
                    switch field {
                    case .id: at.writeDigits(values.id, width: field.width)
                    case .lineID: at.writeDigits(values.lineID, width: field.width)
                    case .taxLineID: at.writeDigits(values.lineID + 1, width: field.width)
                    case .metaID: at.writeDigits(values.lineID + 2, width: field.width)
                    case .key: UnsafeMutableRawBufferPointer(start: at, count: key.count).copyBytes(from: key)
                    case .createdLocal: at.writeDate(values.created + 3600)
                    case .modifiedLocal: at.writeDate(values.modified + 3600)
                    case .createdGMT: at.writeDate(values.created)
                    case .modifiedGMT: at.writeDate(values.modified)
                    }
                }
                return bytes.count
            }
        }

        /// `2026-11-24T22:02:18`: WooCommerce's dates, without a zone; written by Foundation here, so the check
        /// of prepared bodies against written-out ones also checks the dates ``write(_:into:)`` writes.
        static func date(_ second: Int) -> String {
            String(Date(timeIntervalSince1970: TimeInterval(second)).ISO8601Format().dropLast())
        }
    }

    /// A body text with a `#` that begins no mark.
    struct TemplateError: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "the order body has a stray mark at byte \(offset)" }
    }
}

extension UnsafeMutableRawPointer {
    /// Writes `value` in decimal over the `width` bytes here, zero-padded on the left.
    fileprivate func writeDigits(_ value: Int, width: Int) {
        var rest = value
        for position in stride(from: width - 1, through: 0, by: -1) {
            storeBytes(of: UInt8(ascii: "0") + UInt8(rest % 10), toByteOffset: position, as: UInt8.self)
            rest /= 10
        }
    }

    /// Writes the UTC time of unix second `second` as WooCommerce writes its dates (`yyyy-MM-ddTHH:mm:ss`) over
    /// the 19 bytes here.
    fileprivate func writeDate(_ second: Int) {
        let text = WooDate.formatGMT(Date(timeIntervalSince1970: TimeInterval(second)))
        UnsafeMutableRawBufferPointer(start: self, count: 19).copyBytes(from: text.utf8)
    }
}
