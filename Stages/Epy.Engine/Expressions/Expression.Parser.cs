using System.Globalization;

namespace Epy.Engine.Expressions;

/// <summary>The recursive-descent parser.</summary>
public sealed partial class Expression
{
    /// <summary>
    /// sum := product (('+' | '-') product)*; product := unary (('*' | '/') unary)*;
    /// unary := ('+' | '-') unary | primary; primary := number | name | '(' sum ')'.
    /// </summary>
    private sealed class Parser
    {
        private const int MaxDepth = 200;
        private const string ExpectedOperand = "a number, a name or '('";

        private readonly string _text;
        private readonly string _field;
        private readonly List<string> _names = [];
        private int _position;
        private int _depth;

        private Parser(string text, string field)
        {
            _text = text;
            _field = field;
        }

        public static (Node Root, string[] Names) Parse(string text, string field)
        {
            var parser = new Parser(text, field);
            parser.SkipSpaces();
            if (parser.AtEnd)
                throw new ModelValidationException(field, $"empty expression; expected {ExpectedOperand}");
            var root = parser.ParseSum();
            parser.SkipSpaces();
            if (!parser.AtEnd)
                throw parser.Unexpected("an operator (+ - * /) or the end of the expression");
            return (root, [.. parser._names]);
        }

        private bool AtEnd => _position >= _text.Length;

        private Node ParseSum()
        {
            var left = ParseProduct();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || _text[_position] is not ('+' or '-'))
                    return left;
                var op = _text[_position++] == '+' ? Operator.Add : Operator.Subtract;
                left = new Binary(op, left, ParseProduct());
            }
        }

        private Node ParseProduct()
        {
            var left = ParseUnary();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || _text[_position] is not ('*' or '/'))
                    return left;
                var op = _text[_position++] == '*' ? Operator.Multiply : Operator.Divide;
                left = new Binary(op, left, ParseUnary());
            }
        }

        private Node ParseUnary()
        {
            SkipSpaces();
            if (AtEnd || _text[_position] is not ('+' or '-'))
                return ParsePrimary();
            var negate = _text[_position++] == '-';
            Enter();
            var operand = ParseUnary();
            _depth--;
            return negate ? new Negation(operand) : operand;
        }

        private Node ParsePrimary()
        {
            SkipSpaces();
            if (AtEnd)
                throw Unexpected(ExpectedOperand);
            var c = _text[_position];
            if (char.IsAsciiDigit(c) || c == '.')
                return ParseNumber();
            if (char.IsAsciiLetter(c) || c == '_')
                return ParseName();
            if (c != '(')
                throw Unexpected(ExpectedOperand);
            var open = _position++;
            Enter();
            var inner = ParseSum();
            SkipSpaces();
            if (AtEnd)
                throw Unexpected($"')' to close the '(' at position {open + 1}");
            if (_text[_position] != ')')
                throw Unexpected("an operator (+ - * /) or ')'");
            _position++;
            _depth--;
            return inner;
        }

        private Constant ParseNumber()
        {
            var start = _position;
            var digits = SkipDigits();
            if (!AtEnd && _text[_position] == '.')
            {
                _position++;
                digits += SkipDigits();
            }
            if (digits == 0)
                throw Error($"malformed number '{_text[start.._position]}' at position {start + 1} in \"{_text}\"; expected digits");
            if (!AtEnd && _text[_position] is 'e' or 'E')
            {
                _position++;
                if (!AtEnd && _text[_position] is '+' or '-')
                    _position++;
                if (SkipDigits() == 0)
                    throw Error($"malformed number '{_text[start.._position]}' at position {start + 1} in \"{_text}\"; expected digits after the exponent");
            }
            var literal = _text.AsSpan(start, _position - start);
            var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
                throw Error($"number '{literal}' at position {start + 1} in \"{_text}\" is too large for a double");
            return new Constant(value);
        }

        private Reference ParseName()
        {
            var start = _position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
                _position++;
            var name = _text[start.._position];
            var index = _names.IndexOf(name);
            if (index < 0)
            {
                index = _names.Count;
                _names.Add(name);
            }
            return new Reference(index);
        }

        private int SkipDigits()
        {
            var start = _position;
            while (!AtEnd && char.IsAsciiDigit(_text[_position]))
                _position++;
            return _position - start;
        }

        private void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(_text[_position]))
                _position++;
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
                throw Error($"expression \"{_text}\" is nested more than {MaxDepth} levels deep at position {_position + 1}");
        }

        /// <summary>An error about the token at the current position (or the end), naming what was expected.</summary>
        private ModelValidationException Unexpected(string expected)
        {
            if (AtEnd)
                return new ModelValidationException(_field, $"unexpected end of expression in \"{_text}\"; expected {expected}");
            var c = _text[_position];
            var end = _position + 1;
            string found;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_'))
                    end++;
                found = $"name '{_text[_position..end]}'";
            }
            else if (char.IsAsciiDigit(c) || c == '.')
            {
                while (end < _text.Length && (char.IsAsciiDigit(_text[end]) || _text[end] == '.'))
                    end++;
                found = $"number '{_text[_position..end]}'";
            }
            else
            {
                found = $"'{c}'";
            }
            return Error($"unexpected {found} at position {_position + 1} in \"{_text}\"; expected {expected}");
        }

        private ModelValidationException Error(string message) => new(_field, message);
    }
}
