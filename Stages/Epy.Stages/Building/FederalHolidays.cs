namespace Epy.Stages.Building;

/// <summary>
/// The United States federal holidays of a year as the Python <c>holidays</c> package lists them for
/// <c>country_holidays("US")</c>: the days themselves and, for the fixed-date ones, the weekday they
/// are observed on when they fall on a weekend (Saturday → Friday, Sunday → Monday).
/// </summary>
internal static class FederalHolidays
{
    /// <summary>The holidays of <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<SchoolClosure> Of(int year)
    {
        var days = new List<SchoolClosure>();
        void Fixed(int month, int day, string name, int since = 0)
        {
            if (year < since)
                return;
            var date = new DateOnly(year, month, day);
            days.Add(new SchoolClosure(date, date, name));
            var observed = date.DayOfWeek switch
            {
                DayOfWeek.Saturday => date.AddDays(-1),
                DayOfWeek.Sunday => date.AddDays(1),
                _ => (DateOnly?)null,
            };
            if (observed is { } moved)
                days.Add(new SchoolClosure(moved, moved, $"{name} (observed)"));
        }
        void Nth(int month, DayOfWeek weekday, int n, string name)
        {
            var date = NthWeekday(year, month, weekday, n);
            days.Add(new SchoolClosure(date, date, name));
        }

        Fixed(1, 1, "New Year's Day");
        Nth(1, DayOfWeek.Monday, 3, "Martin Luther King Jr. Day");
        Nth(2, DayOfWeek.Monday, 3, "Washington's Birthday");
        Nth(5, DayOfWeek.Monday, -1, "Memorial Day");
        Fixed(6, 19, "Juneteenth National Independence Day", since: 2021);
        Fixed(7, 4, "Independence Day");
        Nth(9, DayOfWeek.Monday, 1, "Labor Day");
        Nth(10, DayOfWeek.Monday, 2, "Columbus Day");
        Fixed(11, 11, "Veterans Day");
        Nth(11, DayOfWeek.Thursday, 4, "Thanksgiving Day");
        Fixed(12, 25, "Christmas Day");
        return [.. days.OrderBy(d => d.Start)];
    }

    /// <summary>Thanksgiving Day: the fourth Thursday of November.</summary>
    public static DateOnly Thanksgiving(int year) => NthWeekday(year, 11, DayOfWeek.Thursday, 4);

    /// <summary>The <paramref name="n"/>-th <paramref name="weekday"/> of the month (n = −1: the last).</summary>
    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        if (n < 0)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
        }
        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)weekday - (int)first.DayOfWeek + 7) % 7) + 7 * (n - 1));
    }
}
