// ScalpLang: declarative scalping strategies over a limit order book.
// The language reference is grammar/README.md; this file is its syntax, nothing more.
// Every declaration starts with a keyword, so the parser can resynchronise on the next one
// after a mistake. Names of kinds (exit take_profit, risk max_position, param types) are plain
// identifiers checked by the binder, which can then suggest the right spelling.
grammar ScalpLang;

// Every element the AST needs is labelled: the front end parses without building a parse tree
// and reads each declaration from its labels as soon as it is complete (fast, little garbage).
file
    : declaration* EOF
    ;

declaration
    : importDecl
    | strategyDecl
    | instrumentDecl
    | bookDecl
    | paramDecl
    | signalDecl
    | modelDecl
    | sentimentDecl
    | executionDecl
    | filterDecl
    | ruleDecl
    | exitDecl
    | riskDecl
    | intrinsicDecl
    ;

importDecl     : IMPORT path=STRING ;
strategyDecl   : STRATEGY name=identifier ;
instrumentDecl : INSTRUMENT symbol=STRING fields+=instrumentField* ;
instrumentField
    : TICKS value=NUMBER          # tickSizeField
    | LOTS value=NUMBER           # lotSizeField
    | CURRENCY code=identifier    # currencyField
    ;
bookDecl       : BOOK DEPTH depth=NUMBER ;

paramDecl      : PARAM name=identifier ':' type=typeRef '=' value=expr (IN bounds=range)? ;
range          : lower=expr RANGE upper=expr ;
signalDecl     : SIGNAL name=identifier (':' type=typeRef)? '=' value=expr ;
modelDecl      : MODEL name=identifier '=' path=STRING FEATURES '[' (features+=expr (',' features+=expr)*)? ']' (HISTORY history=NUMBER)? ;
// A headline classifier scored by the host once per headline (grammar/README.md §3.13).
sentimentDecl  : SENTIMENT name=identifier '=' path=STRING ;
executionDecl  : EXECUTION name=identifier '=' algo=sliceAlgo ;
filterDecl     : FILTER name=identifier WHEN condition=expr ;
ruleDecl       : RULE name=identifier (PRIORITY priority=NUMBER)? WHEN condition=expr ARROW act=action ;
exitDecl       : EXIT kind=identifier (WHEN condition=expr ARROW act=action | value=expr) ;
riskDecl       : RISK kind=identifier (WHEN condition=expr ARROW act=action | value=expr (PER per=expr)?) ;

// Declares a function or value implemented by the runtime (standard library only).
intrinsicDecl  : INTRINSIC name=identifier (open='(' (params+=intrinsicParam (',' params+=intrinsicParam)*)? ')')? ':' type=typeRef ;
intrinsicParam : name=identifier ':' type=typeRef ('=' value=expr)? ;

typeRef        : name=identifier | unit=(TICKS | LOTS) ;

action
    : side=(BUY | SELL) quantity=expr AT price=orderPrice (VIA via=executionRef)?   # tradeAction
    | (WAIT | HOLD)                                                                # waitAction
    | CANCEL_ALL                                                                   # cancelAllAction
    | FLATTEN (THEN WAIT standAside=expr)?                                         # flattenAction
    | KILL                                                                         # killAction
    ;
orderPrice
    : MARKET                # marketPrice
    | limit=expr            # limitPrice
    ;
executionRef
    : algo=sliceAlgo        # inlineExecution
    | name=identifier       # namedExecution
    ;
sliceAlgo
    : algo=(TWAP | VWAP) OVER over=expr SLICES slices=expr
    | algo=ICEBERG SHOW show=expr
    ;

// Expressions: one precedence-climbing rule (earlier alternatives bind tighter), so an operand
// costs one rule context instead of one per precedence level. `not` binds looser than
// comparisons: `not a > b` is `not (a > b)`. Chained comparisons parse, and the binder rejects
// them (a bool does not compare with a number).
expr
    : value=NUMBER unit=(TICKS | LOTS)?                         # numberLiteral
    | value=DURATION                                            # durationLiteral
    | value=PERCENT                                             # percentLiteral
    | value=BPS                                                 # bpsLiteral
    | value=(TRUE | FALSE)                                      # boolLiteral
    | callee=(IDENTIFIER | DEPTH | TWAP | VWAP | CURRENCY | FEATURES | OVER | SLICES | PER | PRIORITY | ICEBERG | SHOW | HISTORY) '(' (args+=argument (',' args+=argument)*)? ')' # callExpr
    | id=(IDENTIFIER | DEPTH | TWAP | VWAP | CURRENCY | FEATURES | OVER | SLICES | PER | PRIORITY | ICEBERG | SHOW | HISTORY) # nameExpr
    | '(' inner=expr ')'                                        # parenExpr
    | MINUS operand=expr                                        # negateExpr
    | left=expr op=(STAR | SLASH) right=expr                    # multiplicativeExpr
    | left=expr op=(PLUS | MINUS) right=expr                    # additiveExpr
    | left=expr op=(LT | LE | GT | GE | EQ | NE) right=expr     # comparisonExpr
    | NOT operand=expr                                          # notExpr
    | left=expr op=AND right=expr                               # andExpr
    | left=expr op=OR right=expr                                # orExpr
    ;
argument       : (label=(IDENTIFIER | DEPTH | TWAP | VWAP | CURRENCY | FEATURES | OVER | SLICES | PER | PRIORITY | ICEBERG | SHOW | HISTORY) ':')? value=expr ;

// Words that are keywords in one place but ordinary names elsewhere (depth(...) is a stdlib
// function; vwap(...) a stdlib signal; currency codes are names). Expressions repeat this token
// set inline (callee, id, label) rather than call the rule: one rule context fewer per operand.
identifier     : token=(IDENTIFIER | DEPTH | TWAP | VWAP | CURRENCY | FEATURES | OVER | SLICES | PER | PRIORITY | ICEBERG | SHOW | HISTORY) ;

// ---- lexer ----
IMPORT     : 'import' ;
STRATEGY   : 'strategy' ;
INSTRUMENT : 'instrument' ;
BOOK       : 'book' ;
DEPTH      : 'depth' ;
CURRENCY   : 'currency' ;
PARAM      : 'param' ;
SIGNAL     : 'signal' ;
MODEL      : 'model' ;
FEATURES   : 'features' ;
SENTIMENT  : 'sentiment' ;
HISTORY    : 'history' ;
EXECUTION  : 'execution' ;
FILTER     : 'filter' ;
RULE       : 'rule' ;
PRIORITY   : 'priority' ;
EXIT       : 'exit' ;
RISK       : 'risk' ;
INTRINSIC  : 'intrinsic' ;
WHEN       : 'when' ;
PER        : 'per' ;
IN         : 'in' ;
BUY        : 'buy' ;
SELL       : 'sell' ;
AT         : 'at' ;
MARKET     : 'market' ;
VIA        : 'via' ;
WAIT       : 'wait' ;
HOLD       : 'hold' ;
CANCEL_ALL : 'cancel_all' ;
FLATTEN    : 'flatten' ;
THEN       : 'then' ;
KILL       : 'kill' ;
TWAP       : 'twap' ;
VWAP       : 'vwap' ;
OVER       : 'over' ;
SLICES     : 'slices' ;
ICEBERG    : 'iceberg' ;
SHOW       : 'show' ;
AND        : 'and' ;
OR         : 'or' ;
NOT        : 'not' ;
TRUE       : 'true' ;
FALSE      : 'false' ;
TICKS      : 'ticks' | 'tick' ;
LOTS       : 'lots' | 'lot' ;

ARROW      : '=>' ;
RANGE      : '..' ;
LE         : '<=' ;
GE         : '>=' ;
EQ         : '==' ;
NE         : '!=' ;
LT         : '<' ;
GT         : '>' ;
PLUS       : '+' ;
MINUS      : '-' ;
STAR       : '*' ;
SLASH      : '/' ;
ASSIGN     : '=' ;
COLON      : ':' ;
COMMA      : ',' ;
LPAREN     : '(' ;
RPAREN     : ')' ;
LBRACK     : '[' ;
RBRACK     : ']' ;

// A unit glued to a number is one token: 500ms, 0.5%, 3bps. Longest match keeps 5s apart from 5 slices.
DURATION   : DIGITS ('.' DIGITS)? ('ns' | 'us' | 'ms' | 's' | 'min' | 'h') ;
PERCENT    : DIGITS ('.' DIGITS)? '%' ;
BPS        : DIGITS ('.' DIGITS)? 'bps' ;
NUMBER     : DIGITS ('.' DIGITS)? ;
STRING     : '"' (~["\\\r\n] | '\\' ["\\])* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ["\\])* ;
IDENTIFIER : [a-zA-Z_] [a-zA-Z_0-9]* ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
WS            : [ \t\r\n\f]+ -> skip ;
// Anything else is one bad character; the front end reports it (SL1001) and drops it.
BAD_CHAR      : . ;

fragment DIGITS : [0-9] ('_'? [0-9])* ;
