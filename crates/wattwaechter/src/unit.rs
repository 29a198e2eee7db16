//! The DLMS/COSEM unit table (IEC 62056-62, DLMS Blue Book), code ⇄ symbol.
//!
//! SML list entries carry the unit as this one-byte enumeration (`27` = W, `30` = Wh). Some
//! meters send `0`, which the table does not define; [`Unit::from_code`] keeps such codes as
//! [`Unit::code`] with no symbol, so nothing is lost.

/// A DLMS unit code with its symbol and description, if the table defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit {
    /// The numeric code as sent by the meter.
    pub code: u8,
}

/// One row of the DLMS unit table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct UnitInfo {
    /// The numeric code.
    pub code: u8,
    /// The symbol as usually printed (`W`, `m³`, `°C`).
    pub symbol: &'static str,
    /// The quantity it measures, in English.
    pub quantity: &'static str,
}

const fn row(code: u8, symbol: &'static str, quantity: &'static str) -> UnitInfo {
    UnitInfo {
        code,
        symbol,
        quantity,
    }
}

/// Every unit the DLMS Blue Book defines, in code order.
pub static UNITS: &[UnitInfo] = &[
    row(1, "a", "time (year)"),
    row(2, "mo", "time (month)"),
    row(3, "wk", "time (week)"),
    row(4, "d", "time (day)"),
    row(5, "h", "time (hour)"),
    row(6, "min", "time (minute)"),
    row(7, "s", "time (second)"),
    row(8, "°", "phase angle"),
    row(9, "°C", "temperature"),
    row(10, "currency", "local currency"),
    row(11, "m", "length"),
    row(12, "m/s", "speed"),
    row(13, "m³", "volume"),
    row(14, "m³", "corrected volume"),
    row(15, "m³/h", "volume flux"),
    row(16, "m³/h", "corrected volume flux"),
    row(17, "m³/d", "volume flux per day"),
    row(18, "m³/d", "corrected volume flux per day"),
    row(19, "l", "volume (litre)"),
    row(20, "kg", "mass"),
    row(21, "N", "force"),
    row(22, "Nm", "energy (newton metre)"),
    row(23, "Pa", "pressure"),
    row(24, "bar", "pressure"),
    row(25, "J", "energy (joule)"),
    row(26, "J/h", "thermal power"),
    row(27, "W", "active power"),
    row(28, "VA", "apparent power"),
    row(29, "var", "reactive power"),
    row(30, "Wh", "active energy"),
    row(31, "VAh", "apparent energy"),
    row(32, "varh", "reactive energy"),
    row(33, "A", "current"),
    row(34, "C", "electrical charge"),
    row(35, "V", "voltage"),
    row(36, "V/m", "electric field strength"),
    row(37, "F", "capacitance"),
    row(38, "Ω", "resistance"),
    row(39, "Ωm²/m", "resistivity"),
    row(40, "Wb", "magnetic flux"),
    row(41, "T", "magnetic flux density"),
    row(42, "A/m", "magnetic field strength"),
    row(43, "H", "inductance"),
    row(44, "Hz", "frequency"),
    row(45, "1/(Wh)", "active energy meter constant"),
    row(46, "1/(varh)", "reactive energy meter constant"),
    row(47, "1/(VAh)", "apparent energy meter constant"),
    row(48, "V²h", "volt-squared hours"),
    row(49, "A²h", "ampere-squared hours"),
    row(50, "kg/s", "mass flux"),
    row(51, "S", "conductance"),
    row(52, "K", "temperature (kelvin)"),
    row(53, "1/(V²h)", "volt-squared hour meter constant"),
    row(54, "1/(A²h)", "ampere-squared hour meter constant"),
    row(55, "1/m³", "volume meter constant"),
    row(56, "%", "percentage"),
    row(57, "Ah", "ampere hours"),
    row(60, "Wh/m³", "energy per volume"),
    row(61, "J/m³", "calorific value"),
    row(62, "Mol %", "molar fraction"),
    row(63, "g/m³", "mass density"),
    row(64, "Pa s", "dynamic viscosity"),
    row(65, "J/kg", "specific energy"),
    row(66, "g/cm²", "pressure (gram per square centimetre)"),
    row(67, "atm", "pressure (atmosphere)"),
    row(70, "dBm", "signal strength (dB milliwatt)"),
    row(71, "dBµV", "signal strength (dB microvolt)"),
    row(72, "dB", "logarithmic unit"),
    row(253, "reserved", "reserved"),
    row(254, "other", "other unit"),
    row(255, "count", "no unit, unitless, count"),
];

impl Unit {
    /// `13`: m³.
    pub const CUBIC_METRE: Unit = Unit::from_code(13);
    /// `27`: W.
    pub const WATT: Unit = Unit::from_code(27);
    /// `30`: Wh.
    pub const WATT_HOUR: Unit = Unit::from_code(30);
    /// `33`: A.
    pub const AMPERE: Unit = Unit::from_code(33);
    /// `35`: V.
    pub const VOLT: Unit = Unit::from_code(35);
    /// `44`: Hz.
    pub const HERTZ: Unit = Unit::from_code(44);

    /// Wraps a code as sent; unknown codes are kept.
    pub const fn from_code(code: u8) -> Self {
        Unit { code }
    }

    /// The table row for this code, if the table defines it.
    pub fn info(self) -> Option<&'static UnitInfo> {
        UNITS
            .binary_search_by_key(&self.code, |u| u.code)
            .ok()
            .map(|i| &UNITS[i])
    }

    /// The symbol (`W`, `Wh`, …), if the code is defined.
    pub fn symbol(self) -> Option<&'static str> {
        self.info().map(|u| u.symbol)
    }

    /// Looks a symbol up (`"kWh"` is not a DLMS unit; `"Wh"` is). The first code with that
    /// symbol wins (`m³` → 13, not the corrected-volume 14).
    pub fn from_symbol(symbol: &str) -> Option<Self> {
        UNITS
            .iter()
            .find(|u| u.symbol == symbol)
            .map(|u| Unit { code: u.code })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Unit {
    /// `{"code": 27, "symbol": "W"}` (`symbol` is `null` for codes the table lacks).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Unit", 2)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("symbol", &self.symbol())?;
        st.end()
    }
}

impl core::fmt::Display for Unit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.symbol() {
            Some(s) => f.write_str(s),
            None => write!(f, "unit#{}", self.code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(UNITS.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn common_units() {
        for (code, sym) in [
            (27, "W"),
            (30, "Wh"),
            (33, "A"),
            (35, "V"),
            (44, "Hz"),
            (8, "°"),
        ] {
            assert_eq!(Unit::from_code(code).symbol(), Some(sym));
            assert_eq!(Unit::from_symbol(sym), Some(Unit::from_code(code)));
        }
        assert_eq!(Unit::from_symbol("m³"), Some(Unit::from_code(13)));
        for (unit, symbol) in [
            (Unit::CUBIC_METRE, "m³"),
            (Unit::WATT, "W"),
            (Unit::WATT_HOUR, "Wh"),
            (Unit::AMPERE, "A"),
            (Unit::VOLT, "V"),
            (Unit::HERTZ, "Hz"),
        ] {
            assert_eq!(unit.symbol(), Some(symbol));
        }
    }

    #[test]
    fn unknown_codes_are_kept() {
        let u = Unit::from_code(0);
        assert_eq!(u.symbol(), None);
        assert_eq!(alloc::format!("{u}"), "unit#0");
        assert_eq!(Unit::from_code(58).info(), None);
    }
}
