use polars::prelude::*;

use super::{csv_text, export_stream, import_stream, utc_microseconds};

fn zone(name: &'static str) -> Option<TimeZone> {
    // SAFETY: IANA names; polars keeps the zone as metadata
    Some(unsafe { TimeZone::from_static(name) })
}

fn instants(name: &str, values: &[i64], unit: TimeUnit, tz: Option<TimeZone>) -> Column {
    Int64Chunked::new(name.into(), values)
        .into_datetime(unit, tz)
        .into_column()
}

fn micros(df: &DataFrame, name: &str) -> Vec<Option<i64>> {
    df.column(name)
        .unwrap()
        .datetime()
        .unwrap()
        .physical()
        .iter()
        .collect()
}

#[test]
fn a_frame_crosses_the_c_stream_and_back_unchanged() {
    let df = df!("queue" => ["q1", "q2", "q3"], "volume" => [1.5, 0.0, 7.25], "n" => [Some(1i64), None, Some(3)])
        .unwrap();
    // SAFETY: a stream export_stream made
    let back = unsafe { import_stream(export_stream(df.clone()).unwrap()) }.unwrap();
    assert!(back.equals_missing(&df), "{back:?}");
}

#[test]
fn a_frame_without_rows_keeps_its_columns() {
    let df = DataFrame::new(
        0,
        vec![
            Column::new_empty("a".into(), &DataType::String),
            Column::new_empty("b".into(), &DataType::Float64),
        ],
    )
    .unwrap();
    // SAFETY: a stream export_stream made
    let back = unsafe { import_stream(export_stream(df.clone()).unwrap()) }.unwrap();
    assert_eq!(back.schema(), df.schema());
    assert_eq!(back.height(), 0);
}

#[test]
fn every_exported_instant_is_utc_microseconds() {
    // 2024-07-01T13:00:00Z in ms (naive: read as UTC) and in ns zoned in Bogota
    let df = DataFrame::new(
        1,
        vec![
            instants("ms", &[1_719_838_800_000], TimeUnit::Milliseconds, None),
            instants(
                "ns",
                &[1_719_838_800_000_000_000],
                TimeUnit::Nanoseconds,
                zone("America/Bogota"),
            ),
        ],
    )
    .unwrap();
    // SAFETY: a stream export_stream made
    let back = unsafe { import_stream(export_stream(df).unwrap()) }.unwrap();
    let utc = DataType::Datetime(TimeUnit::Microseconds, Some(TimeZone::UTC));
    for name in ["ms", "ns"] {
        assert_eq!(back.column(name).unwrap().dtype(), &utc, "{name}");
        assert_eq!(micros(&back, name), [Some(1_719_838_800_000_000)], "{name}");
    }
}

#[test]
fn zoned_instants_are_converted_not_relabelled() {
    // the same instants in another zone: the values do not move
    let df = DataFrame::new(
        1,
        vec![instants(
            "t",
            &[1_719_838_800_000_000],
            TimeUnit::Microseconds,
            zone("Europe/Berlin"),
        )],
    )
    .unwrap();
    let utc = utc_microseconds(df).unwrap();
    assert_eq!(micros(&utc, "t"), [Some(1_719_838_800_000_000)]);
}

#[test]
fn new_york_across_the_fall_back_change_gives_distinct_utc_rows() {
    // 2024-11-03 01:30 EDT (05:30Z) and 01:30 EST (06:30Z): one wall time, two instants
    let df = DataFrame::new(
        2,
        vec![instants(
            "TimeStamp",
            &[1_730_611_800_000, 1_730_615_400_000],
            TimeUnit::Milliseconds,
            zone("America/New_York"),
        )],
    )
    .unwrap();
    let text = String::from_utf8(csv_text(df).unwrap()).unwrap();
    assert_eq!(
        text,
        "TimeStamp\n2024-11-03T05:30:00Z\n2024-11-03T06:30:00Z\n"
    );
}

#[test]
fn naive_instants_are_written_as_utc_and_dates_as_their_midnight() {
    let df = DataFrame::new(
        1,
        vec![
            instants(
                "TimeStamp",
                &[1_719_838_800_000_000],
                TimeUnit::Microseconds,
                None,
            ),
            Column::new("Date".into(), [19_905i32])
                .cast(&DataType::Date)
                .unwrap(),
        ],
    )
    .unwrap();
    let text = String::from_utf8(csv_text(df).unwrap()).unwrap();
    assert_eq!(
        text,
        "TimeStamp,Date\n2024-07-01T13:00:00Z,2024-07-01T00:00:00Z\n"
    );
}

#[test]
fn a_type_polars_does_not_read_here_is_an_error_not_a_panic() {
    use polars_arrow::array::{PrimitiveArray, StructArray};
    use polars_arrow::datatypes::{ArrowDataType, Field};
    use polars_arrow::ffi::export_iterator;

    let decimal = PrimitiveArray::<i128>::from_vec(vec![1005]).to(ArrowDataType::Decimal(10, 1));
    let fields = vec![Field::new("volume".into(), decimal.dtype().clone(), true)];
    let dtype = ArrowDataType::Struct(fields);
    let table = StructArray::new(dtype.clone(), 1, vec![decimal.boxed()], None);
    let stream = export_iterator(
        Box::new(std::iter::once(Ok(table.boxed()))),
        Field::new("".into(), dtype, false),
    );
    // SAFETY: a stream export_iterator made
    let e = unsafe { import_stream(stream) }.unwrap_err();
    assert!(e.to_string().contains("\"volume\""), "{e}");
}
