`default_nettype none
// The sequential core behind registered narrow pins, for its placed Fmax and logic cells
// (hdl-backend/sequential-core-fmax.sh): a byte in (16 make a record), a 16-bit xor of the output
// words out. Every pin is registered, so the core's own paths set Fmax.
module SeqCoreProbe (input wire clk, input wire rst, input wire in_strobe, input wire [7:0] in_byte, input wire in_go,
                     output reg [15:0] out_fold, output reg out_valid_r, output reg ready_r);
    reg [127:0] shift;
    reg strobe_r, go_r, rst_r; reg [7:0] byte_r;
    always @(posedge clk) rst_r <= rst;
    wire ready, out_valid; wire [255:0] out_words;
    always @(posedge clk) begin
        strobe_r <= in_strobe; byte_r <= in_byte; go_r <= in_go;
        if (strobe_r) shift <= {shift[119:0], byte_r};
    end
    SeqCore core (.clk(clk), .rst(rst_r), .in_valid(go_r), .in_record(shift), .ready(ready), .out_valid(out_valid), .out_words(out_words));
    integer i;
    reg [15:0] f;
    always @(*) begin f = 16'd0; for (i = 0; i < 16; i = i + 1) f = f ^ out_words[i*16 +: 16]; end
    always @(posedge clk) begin out_fold <= f; out_valid_r <= out_valid; ready_r <= ready; end
endmodule
`default_nettype wire
