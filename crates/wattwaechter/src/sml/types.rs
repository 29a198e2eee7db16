//! The SML 1.04 data model: messages, bodies and their building blocks.
//!
//! Names follow the specification (`SML_GetList.Res` → [`GetListResponse`]). Octet strings
//! borrow from the decoded payload; lists are `Vec`s. Optional fields are `Option`s (`01` on
//! the wire).

use crate::obis::Obis;
use alloc::vec::Vec;

/// An SML octet string, borrowed from the payload.
pub type OctetStr<'a> = &'a [u8];

/// One SML message: the envelope around a [`MessageBody`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message<'a> {
    /// Identifies the request/response pair.
    pub transaction_id: OctetStr<'a>,
    /// Group number (messages of one group belong together).
    pub group_no: u8,
    /// What the receiver does on an error (0 = continue).
    pub abort_on_error: u8,
    /// The message body.
    pub body: MessageBody<'a>,
    /// The `crc16` field as received (a 1-byte field is widened).
    pub crc: u16,
}

impl<'a> Message<'a> {
    /// A message to encode: group 0, continue on errors; the encoder computes the CRC.
    pub fn new(transaction_id: OctetStr<'a>, body: MessageBody<'a>) -> Self {
        Message {
            transaction_id,
            group_no: 0,
            abort_on_error: 0,
            body,
            crc: 0,
        }
    }
}

/// SML_MessageBody: one variant per message type of SML 1.04.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MessageBody<'a> {
    /// `0x0100` SML_PublicOpen.Req
    OpenRequest(OpenRequest<'a>),
    /// `0x0101` SML_PublicOpen.Res
    OpenResponse(OpenResponse<'a>),
    /// `0x0200` SML_PublicClose.Req
    CloseRequest(CloseRequest<'a>),
    /// `0x0201` SML_PublicClose.Res
    CloseResponse(CloseResponse<'a>),
    /// `0x0300` SML_GetProfilePack.Req
    GetProfilePackRequest(GetProfileRequest<'a>),
    /// `0x0301` SML_GetProfilePack.Res
    GetProfilePackResponse(GetProfilePackResponse<'a>),
    /// `0x0400` SML_GetProfileList.Req
    GetProfileListRequest(GetProfileRequest<'a>),
    /// `0x0401` SML_GetProfileList.Res
    GetProfileListResponse(GetProfileListResponse<'a>),
    /// `0x0500` SML_GetProcParameter.Req
    GetProcParameterRequest(GetProcParameterRequest<'a>),
    /// `0x0501` SML_GetProcParameter.Res
    GetProcParameterResponse(GetProcParameterResponse<'a>),
    /// `0x0600` SML_SetProcParameter.Req
    SetProcParameterRequest(SetProcParameterRequest<'a>),
    /// `0x0700` SML_GetList.Req
    GetListRequest(GetListRequest<'a>),
    /// `0x0701` SML_GetList.Res
    GetListResponse(GetListResponse<'a>),
    /// `0xFF01` SML_Attention.Res
    AttentionResponse(AttentionResponse<'a>),
}

impl MessageBody<'_> {
    /// The body's tag as sent on the wire.
    pub const fn tag(&self) -> u32 {
        match self {
            MessageBody::OpenRequest(_) => tags::OPEN_REQUEST,
            MessageBody::OpenResponse(_) => tags::OPEN_RESPONSE,
            MessageBody::CloseRequest(_) => tags::CLOSE_REQUEST,
            MessageBody::CloseResponse(_) => tags::CLOSE_RESPONSE,
            MessageBody::GetProfilePackRequest(_) => tags::GET_PROFILE_PACK_REQUEST,
            MessageBody::GetProfilePackResponse(_) => tags::GET_PROFILE_PACK_RESPONSE,
            MessageBody::GetProfileListRequest(_) => tags::GET_PROFILE_LIST_REQUEST,
            MessageBody::GetProfileListResponse(_) => tags::GET_PROFILE_LIST_RESPONSE,
            MessageBody::GetProcParameterRequest(_) => tags::GET_PROC_PARAMETER_REQUEST,
            MessageBody::GetProcParameterResponse(_) => tags::GET_PROC_PARAMETER_RESPONSE,
            MessageBody::SetProcParameterRequest(_) => tags::SET_PROC_PARAMETER_REQUEST,
            MessageBody::GetListRequest(_) => tags::GET_LIST_REQUEST,
            MessageBody::GetListResponse(_) => tags::GET_LIST_RESPONSE,
            MessageBody::AttentionResponse(_) => tags::ATTENTION_RESPONSE,
        }
    }

    /// The specification's name of the body type (`GetListResponse`).
    pub const fn name(&self) -> &'static str {
        tags::name(self.tag())
    }
}

/// The message body tags of SML 1.04.
pub mod tags {
    /// SML_PublicOpen.Req
    pub const OPEN_REQUEST: u32 = 0x0100;
    /// SML_PublicOpen.Res
    pub const OPEN_RESPONSE: u32 = 0x0101;
    /// SML_PublicClose.Req
    pub const CLOSE_REQUEST: u32 = 0x0200;
    /// SML_PublicClose.Res
    pub const CLOSE_RESPONSE: u32 = 0x0201;
    /// SML_GetProfilePack.Req
    pub const GET_PROFILE_PACK_REQUEST: u32 = 0x0300;
    /// SML_GetProfilePack.Res
    pub const GET_PROFILE_PACK_RESPONSE: u32 = 0x0301;
    /// SML_GetProfileList.Req
    pub const GET_PROFILE_LIST_REQUEST: u32 = 0x0400;
    /// SML_GetProfileList.Res
    pub const GET_PROFILE_LIST_RESPONSE: u32 = 0x0401;
    /// SML_GetProcParameter.Req
    pub const GET_PROC_PARAMETER_REQUEST: u32 = 0x0500;
    /// SML_GetProcParameter.Res
    pub const GET_PROC_PARAMETER_RESPONSE: u32 = 0x0501;
    /// SML_SetProcParameter.Req
    pub const SET_PROC_PARAMETER_REQUEST: u32 = 0x0600;
    /// SML_GetList.Req
    pub const GET_LIST_REQUEST: u32 = 0x0700;
    /// SML_GetList.Res
    pub const GET_LIST_RESPONSE: u32 = 0x0701;
    /// SML_Attention.Res
    pub const ATTENTION_RESPONSE: u32 = 0xFF01;

    /// The name of a tag (`"unknown"` for tags SML 1.04 does not define).
    pub const fn name(tag: u32) -> &'static str {
        match tag {
            OPEN_REQUEST => "OpenRequest",
            OPEN_RESPONSE => "OpenResponse",
            CLOSE_REQUEST => "CloseRequest",
            CLOSE_RESPONSE => "CloseResponse",
            GET_PROFILE_PACK_REQUEST => "GetProfilePackRequest",
            GET_PROFILE_PACK_RESPONSE => "GetProfilePackResponse",
            GET_PROFILE_LIST_REQUEST => "GetProfileListRequest",
            GET_PROFILE_LIST_RESPONSE => "GetProfileListResponse",
            GET_PROC_PARAMETER_REQUEST => "GetProcParameterRequest",
            GET_PROC_PARAMETER_RESPONSE => "GetProcParameterResponse",
            SET_PROC_PARAMETER_REQUEST => "SetProcParameterRequest",
            GET_LIST_REQUEST => "GetListRequest",
            GET_LIST_RESPONSE => "GetListResponse",
            ATTENTION_RESPONSE => "AttentionResponse",
            _ => "unknown",
        }
    }
}

/// SML_PublicOpen.Req
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest<'a> {
    /// Code page (absent = ISO 8859-15).
    pub codepage: Option<OctetStr<'a>>,
    /// The client's ID.
    pub client_id: OctetStr<'a>,
    /// Request file ID.
    pub req_file_id: OctetStr<'a>,
    /// The server (meter) addressed.
    pub server_id: Option<OctetStr<'a>>,
    /// User name.
    pub username: Option<OctetStr<'a>>,
    /// Password.
    pub password: Option<OctetStr<'a>>,
    /// SML version (1 = SML 1.03, 2 = SML 1.04).
    pub sml_version: Option<u8>,
}

/// SML_PublicOpen.Res
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenResponse<'a> {
    /// Code page.
    pub codepage: Option<OctetStr<'a>>,
    /// The client's ID.
    pub client_id: Option<OctetStr<'a>>,
    /// Request file ID.
    pub req_file_id: OctetStr<'a>,
    /// The server (meter) ID.
    pub server_id: OctetStr<'a>,
    /// Reference time.
    pub ref_time: Option<Time>,
    /// SML version.
    pub sml_version: Option<u8>,
}

/// SML_PublicClose.Req
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseRequest<'a> {
    /// Signature over the whole file.
    pub global_signature: Option<OctetStr<'a>>,
}

/// SML_PublicClose.Res
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseResponse<'a> {
    /// Signature over the whole file.
    pub global_signature: Option<OctetStr<'a>>,
}

/// SML_GetProfilePack.Req and SML_GetProfileList.Req (the same fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProfileRequest<'a> {
    /// The server addressed.
    pub server_id: Option<OctetStr<'a>>,
    /// User name.
    pub username: Option<OctetStr<'a>>,
    /// Password.
    pub password: Option<OctetStr<'a>>,
    /// Whether raw data is wanted.
    pub with_rawdata: Option<bool>,
    /// Start of the period.
    pub begin_time: Option<Time>,
    /// End of the period.
    pub end_time: Option<Time>,
    /// The profile's path in the parameter tree.
    pub parameter_tree_path: Vec<OctetStr<'a>>,
    /// The objects wanted.
    pub object_list: Option<Vec<OctetStr<'a>>>,
    /// Details.
    pub das_details: Option<Tree<'a>>,
}

/// SML_GetProfilePack.Res
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProfilePackResponse<'a> {
    /// The server (meter) ID.
    pub server_id: OctetStr<'a>,
    /// Time of the response.
    pub act_time: Time,
    /// Registration period in seconds.
    pub reg_period: u32,
    /// The profile's path in the parameter tree.
    pub parameter_tree_path: Vec<OctetStr<'a>>,
    /// The objects of each period, in order.
    pub header_list: Vec<ProfObjHeaderEntry<'a>>,
    /// The periods.
    pub period_list: Vec<ProfObjPeriodEntry<'a>>,
    /// Raw data.
    pub rawdata: Option<OctetStr<'a>>,
    /// Signature.
    pub profile_signature: Option<OctetStr<'a>>,
}

/// SML_ProfObjHeaderEntry: which object, unit and scaler a column of a profile pack has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfObjHeaderEntry<'a> {
    /// OBIS code.
    pub obj_name: OctetStr<'a>,
    /// DLMS unit code.
    pub unit: u8,
    /// Decimal scaler.
    pub scaler: i8,
}

/// SML_ProfObjPeriodEntry: one period of a profile pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfObjPeriodEntry<'a> {
    /// End of the period.
    pub val_time: Time,
    /// Status word.
    pub status: u64,
    /// The values, one per header entry.
    pub value_list: Vec<ValueEntry<'a>>,
    /// Signature.
    pub period_signature: Option<OctetStr<'a>>,
}

/// SML_ValueEntry
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueEntry<'a> {
    /// The value.
    pub value: Value<'a>,
    /// Signature.
    pub value_signature: Option<OctetStr<'a>>,
}

/// SML_GetProfileList.Res
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProfileListResponse<'a> {
    /// The server (meter) ID.
    pub server_id: OctetStr<'a>,
    /// Time of the response.
    pub act_time: Time,
    /// Registration period in seconds.
    pub reg_period: u32,
    /// The profile's path in the parameter tree.
    pub parameter_tree_path: Vec<OctetStr<'a>>,
    /// Time of the values.
    pub val_time: Time,
    /// Status word.
    pub status: u64,
    /// The values.
    pub period_list: Vec<PeriodEntry<'a>>,
    /// Raw data.
    pub rawdata: Option<OctetStr<'a>>,
    /// Signature.
    pub period_signature: Option<OctetStr<'a>>,
}

/// SML_PeriodEntry
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodEntry<'a> {
    /// OBIS code.
    pub obj_name: OctetStr<'a>,
    /// DLMS unit code.
    pub unit: u8,
    /// Decimal scaler.
    pub scaler: i8,
    /// The value.
    pub value: Value<'a>,
    /// Signature.
    pub value_signature: Option<OctetStr<'a>>,
}

/// SML_GetProcParameter.Req
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProcParameterRequest<'a> {
    /// The server addressed.
    pub server_id: Option<OctetStr<'a>>,
    /// User name.
    pub username: Option<OctetStr<'a>>,
    /// Password.
    pub password: Option<OctetStr<'a>>,
    /// The parameter's path.
    pub parameter_tree_path: Vec<OctetStr<'a>>,
    /// The attribute wanted.
    pub attribute: Option<OctetStr<'a>>,
}

/// SML_GetProcParameter.Res
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProcParameterResponse<'a> {
    /// The server (meter) ID.
    pub server_id: OctetStr<'a>,
    /// The parameter's path.
    pub parameter_tree_path: Vec<OctetStr<'a>>,
    /// The parameter and its children.
    pub parameter_tree: Tree<'a>,
}

/// SML_SetProcParameter.Req
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetProcParameterRequest<'a> {
    /// The server addressed.
    pub server_id: Option<OctetStr<'a>>,
    /// User name.
    pub username: Option<OctetStr<'a>>,
    /// Password.
    pub password: Option<OctetStr<'a>>,
    /// The parameter's path.
    pub parameter_tree_path: Vec<OctetStr<'a>>,
    /// The new value(s).
    pub parameter_tree: Tree<'a>,
}

/// SML_GetList.Req
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetListRequest<'a> {
    /// The client's ID.
    pub client_id: OctetStr<'a>,
    /// The server addressed.
    pub server_id: Option<OctetStr<'a>>,
    /// User name.
    pub username: Option<OctetStr<'a>>,
    /// Password.
    pub password: Option<OctetStr<'a>>,
    /// The list wanted.
    pub list_name: Option<OctetStr<'a>>,
}

/// SML_GetList.Res: the message that carries a meter's readings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetListResponse<'a> {
    /// The client's ID.
    pub client_id: Option<OctetStr<'a>>,
    /// The server (meter) ID.
    pub server_id: OctetStr<'a>,
    /// The list's name (an OBIS code).
    pub list_name: Option<OctetStr<'a>>,
    /// The meter's time.
    pub act_sensor_time: Option<Time>,
    /// The readings.
    pub val_list: Vec<ListEntry<'a>>,
    /// Signature.
    pub list_signature: Option<OctetStr<'a>>,
    /// The gateway's time.
    pub act_gateway_time: Option<Time>,
}

/// SML_ListEntry: one reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry<'a> {
    /// OBIS code (6 bytes; kept as sent).
    pub obj_name: OctetStr<'a>,
    /// Status word.
    pub status: Option<Unsigned>,
    /// Time of the value.
    pub val_time: Option<Time>,
    /// DLMS unit code.
    pub unit: Option<u8>,
    /// Decimal scaler.
    pub scaler: Option<i8>,
    /// The value (`None` when a meter sends `01` for this mandatory field).
    pub value: Option<Value<'a>>,
    /// Signature.
    pub value_signature: Option<OctetStr<'a>>,
}

impl<'a> GetListResponse<'a> {
    /// The readings of `server_id`, as most meters send them: no client ID, list name,
    /// times or signature.
    pub fn readings(server_id: OctetStr<'a>, val_list: Vec<ListEntry<'a>>) -> Self {
        GetListResponse {
            client_id: None,
            server_id,
            list_name: None,
            act_sensor_time: None,
            val_list,
            list_signature: None,
            act_gateway_time: None,
        }
    }
}

impl<'a> ListEntry<'a> {
    /// A reading as most meters send it: name, unit, scaler and value (`None`: the meter sent
    /// no value); no status, time or signature.
    pub fn reading(
        obj_name: OctetStr<'a>,
        unit: Option<u8>,
        scaler: Option<i8>,
        value: impl Into<Option<Value<'a>>>,
    ) -> Self {
        ListEntry {
            obj_name,
            status: None,
            val_time: None,
            unit,
            scaler,
            value: value.into(),
            value_signature: None,
        }
    }

    /// The OBIS code, when the object name is 6 bytes long.
    pub fn obis(&self) -> Option<Obis> {
        Obis::from_bytes(self.obj_name)
    }
}

/// SML_Attention.Res
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionResponse<'a> {
    /// The server (meter) ID.
    pub server_id: OctetStr<'a>,
    /// The attention number (an OBIS-like code).
    pub attention_no: OctetStr<'a>,
    /// A text.
    pub attention_msg: Option<OctetStr<'a>>,
    /// Details.
    pub attention_details: Option<Tree<'a>>,
}

/// SML_Tree: a node of the parameter tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree<'a> {
    /// The parameter's name.
    pub parameter_name: OctetStr<'a>,
    /// Its value.
    pub parameter_value: Option<ProcParValue<'a>>,
    /// Its children.
    pub child_list: Option<Vec<Tree<'a>>>,
}

/// SML_ProcParValue
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcParValue<'a> {
    /// Tag 1: a plain value.
    Value(Value<'a>),
    /// Tag 2: a period entry.
    PeriodEntry(PeriodEntry<'a>),
    /// Tag 3: a tupel entry.
    TupelEntry(alloc::boxed::Box<TupelEntry<'a>>),
    /// Tag 4: a time.
    Time(Time),
    /// Tag 5: a list entry (SML 1.04).
    ListEntry(alloc::boxed::Box<ListEntry<'a>>),
}

/// SML_TupelEntry: the full register set of a meter in one record.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // the field names are the specification's
pub struct TupelEntry<'a> {
    pub server_id: OctetStr<'a>,
    pub sec_index: Time,
    pub status: u64,
    pub unit_p_a: u8,
    pub scaler_p_a: i8,
    pub value_p_a: i64,
    pub unit_r1: u8,
    pub scaler_r1: i8,
    pub value_r1: i64,
    pub unit_r4: u8,
    pub scaler_r4: i8,
    pub value_r4: i64,
    pub signature_p_a_r1_r4: OctetStr<'a>,
    pub unit_m_a: u8,
    pub scaler_m_a: i8,
    pub value_m_a: i64,
    pub unit_r2: u8,
    pub scaler_r2: i8,
    pub value_r2: i64,
    pub unit_r3: u8,
    pub scaler_r3: i8,
    pub value_r3: i64,
    pub signature_m_a_r2_r3: OctetStr<'a>,
}

/// SML_Time in its three forms, plus the bare `Unsigned32` some meters send instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Time {
    /// Tag 1: seconds since an arbitrary point (usually power-up).
    SecIndex(u32),
    /// Tag 2: Unix time (UTC).
    Timestamp(u32),
    /// Tag 3: Unix time with the local offset and the daylight-saving offset in minutes.
    LocalTimestamp {
        /// Unix time (UTC).
        timestamp: u32,
        /// Offset of local time from UTC, in minutes.
        local_offset: i16,
        /// Daylight-saving offset, in minutes.
        season_time_offset: i16,
    },
    /// A bare `Unsigned32` without the choice tag (Holley DTZ541), a seconds index.
    BareSecIndex(u32),
}

#[cfg(feature = "serde")]
impl serde::Serialize for Time {
    /// `{"type": "sec_index" | "timestamp" | "bare_sec_index", "value": N}` or
    /// `{"type": "local_timestamp", "timestamp": N, "local_offset": M, "season_time_offset": M}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (kind, value) = match *self {
            Time::SecIndex(v) => ("sec_index", v),
            Time::Timestamp(v) => ("timestamp", v),
            Time::BareSecIndex(v) => ("bare_sec_index", v),
            Time::LocalTimestamp {
                timestamp,
                local_offset,
                season_time_offset,
            } => {
                let mut st = s.serialize_struct("Time", 4)?;
                st.serialize_field("type", "local_timestamp")?;
                st.serialize_field("timestamp", &timestamp)?;
                st.serialize_field("local_offset", &local_offset)?;
                st.serialize_field("season_time_offset", &season_time_offset)?;
                return st.end();
            }
        };
        let mut st = s.serialize_struct("Time", 2)?;
        st.serialize_field("type", kind)?;
        st.serialize_field("value", &value)?;
        st.end()
    }
}

impl Time {
    /// The seconds the time carries (seconds index or Unix time), whatever its form.
    pub const fn seconds(&self) -> u32 {
        match *self {
            Time::SecIndex(v) | Time::Timestamp(v) | Time::BareSecIndex(v) => v,
            Time::LocalTimestamp { timestamp, .. } => timestamp,
        }
    }
}

/// An unsigned integer with the width it was sent in (1–8 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unsigned {
    /// The value.
    pub value: u64,
    /// Bytes on the wire.
    pub width: u8,
}

/// SML_Value: the value of a reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// Boolean.
    Bool(bool),
    /// Octet string (identifiers, text, signatures).
    Bytes(OctetStr<'a>),
    /// A signed integer, sign-extended from `width` bytes (1–8).
    Int {
        /// The value.
        value: i64,
        /// Bytes on the wire.
        width: u8,
    },
    /// An unsigned integer of `width` bytes (1–8).
    Uint {
        /// The value.
        value: u64,
        /// Bytes on the wire.
        width: u8,
    },
    /// SML_ListType tag 1 (SML 1.04): a time.
    Time(Time),
}

impl Value<'_> {
    /// The value as an integer, if it is one (`i128` holds every SML integer).
    pub fn as_integer(&self) -> Option<i128> {
        match *self {
            Value::Int { value, .. } => Some(i128::from(value)),
            Value::Uint { value, .. } => Some(i128::from(value)),
            _ => None,
        }
    }
}
