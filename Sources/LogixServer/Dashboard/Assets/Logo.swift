/// The Logix mark: a parcel on a route, drawn in a few paths so it stays crisp at any size.
enum Logo {
    static let text = #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img" aria-label="Logix">
        <rect width="32" height="32" rx="7" fill="#1d4ed8"/>
        <path d="M16 6 25 10.5v11L16 26 7 21.5v-11z" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>
        <path d="M7 10.5 16 15l9-4.5M16 15v11" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>
        <circle cx="25" cy="24" r="4" fill="#22c55e" stroke="#fff" stroke-width="1.5"/>
        </svg>
        """#
}
