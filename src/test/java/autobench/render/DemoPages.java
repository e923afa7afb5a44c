package autobench.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Twelve demo-like canvas programs, the kind the demo provider and real models produce: an
 * animation loop, some shapes, Math.random, one of them using p5.js from its CDN URL.
 */
final class DemoPages {
    private DemoPages() {}

    private static final String[] BODIES = {
        // particles
        "const P=[];for(let i=0;i<300;i++)P.push({x:Math.random()*W,y:Math.random()*H,vx:Math.random()*4-2,vy:Math.random()*4-2});"
                + "function f(){g.fillStyle='rgba(10,10,30,0.3)';g.fillRect(0,0,W,H);for(const p of P){p.x=(p.x+p.vx+W)%W;p.y=(p.y+p.vy+H)%H;"
                + "g.fillStyle='#8cf';g.fillRect(p.x,p.y,3,3);}requestAnimationFrame(f);}f();",
        // sine waves
        "let t=0;function f(){t+=0.03;g.fillStyle='#012';g.fillRect(0,0,W,H);for(let k=0;k<6;k++){g.strokeStyle=`hsl(${k*60},90%,60%)`;"
                + "g.beginPath();for(let x=0;x<W;x+=4)g.lineTo(x,H/2+Math.sin(x/60+t+k)*80*Math.sin(t/3+k));g.stroke();}requestAnimationFrame(f);}f();",
        // rotating squares
        "let a=0;function f(){a+=0.02;g.fillStyle='#fff';g.fillRect(0,0,W,H);g.save();g.translate(W/2,H/2);for(let i=0;i<30;i++){"
                + "g.rotate(a/5);g.strokeStyle=`hsl(${i*12},70%,40%)`;g.strokeRect(-i*8,-i*8,i*16,i*16);}g.restore();requestAnimationFrame(f);}f();",
        // grid of pulsing dots
        "let t=0;function f(){t++;g.fillStyle='#111';g.fillRect(0,0,W,H);for(let x=20;x<W;x+=40)for(let y=20;y<H;y+=40){"
                + "const r=8+6*Math.sin((x+y+t*4)/50);g.fillStyle=`hsl(${(x+t)%360},80%,55%)`;g.beginPath();g.arc(x,y,r,0,7);g.fill();}requestAnimationFrame(f);}f();",
        // spiral
        "let t=0;function f(){t+=0.01;g.fillStyle='rgba(0,0,0,0.1)';g.fillRect(0,0,W,H);for(let i=0;i<200;i++){const a=i*0.3+t*5,r=i*1.4;"
                + "g.fillStyle=`hsl(${i*2},100%,60%)`;g.fillRect(W/2+Math.cos(a)*r,H/2+Math.sin(a)*r,4,4);}requestAnimationFrame(f);}f();",
        // bouncing balls with a click handler
        "const B=[];for(let i=0;i<25;i++)B.push({x:Math.random()*W,y:Math.random()*H/2,v:0,r:10+Math.random()*20});"
                + "addEventListener('mousedown',e=>B.push({x:e.clientX,y:e.clientY,v:0,r:25}));"
                + "function f(){g.fillStyle='#223';g.fillRect(0,0,W,H);for(const b of B){b.v+=0.5;b.y+=b.v;if(b.y>H-b.r){b.y=H-b.r;b.v*=-0.85;}"
                + "g.fillStyle='#fa4';g.beginPath();g.arc(b.x,b.y,b.r,0,7);g.fill();}requestAnimationFrame(f);}f();",
        // starfield
        "const S=[];for(let i=0;i<400;i++)S.push({x:Math.random()*2-1,y:Math.random()*2-1,z:Math.random()});"
                + "function f(){g.fillStyle='#000';g.fillRect(0,0,W,H);for(const s of S){s.z-=0.01;if(s.z<=0.01)s.z=1;"
                + "const k=0.5/s.z;g.fillStyle='#fff';g.fillRect(W/2+s.x*k*W/2,H/2+s.y*k*H/2,2/s.z,2/s.z);}requestAnimationFrame(f);}f();",
        // static gradient art (no animation)
        "const gr=g.createLinearGradient(0,0,W,H);gr.addColorStop(0,'#f06');gr.addColorStop(1,'#09f');g.fillStyle=gr;g.fillRect(0,0,W,H);"
                + "for(let i=0;i<80;i++){g.strokeStyle='rgba(255,255,255,0.4)';g.beginPath();g.arc(Math.random()*W,Math.random()*H,Math.random()*60,0,7);g.stroke();}",
        // clock
        "function f(){const d=new Date();g.fillStyle='#eee';g.fillRect(0,0,W,H);g.save();g.translate(W/2,H/2);"
                + "for(const [v,l,w] of [[d.getSeconds()/60,250,2],[d.getMinutes()/60,200,6],[d.getHours()/12,140,10]]){g.save();"
                + "g.rotate(v*Math.PI*2);g.lineWidth=w;g.beginPath();g.moveTo(0,0);g.lineTo(0,-l);g.stroke();g.restore();}g.restore();"
                + "g.font='40px sans-serif';g.fillStyle='#333';g.fillText(d.toISOString().slice(11,23),20,50);requestAnimationFrame(f);}f();",
        // game of life
        "const N=80,M=60;let L=Array.from({length:N*M},()=>Math.random()<0.3?1:0);function f(){const n=L.slice();"
                + "for(let x=0;x<N;x++)for(let y=0;y<M;y++){let s=0;for(let i=-1;i<2;i++)for(let j=-1;j<2;j++)if(i||j)s+=L[((x+i+N)%N)+((y+j+M)%M)*N];"
                + "n[x+y*N]=s===3||(s===2&&L[x+y*N])?1:0;}L=n;g.fillStyle='#fff';g.fillRect(0,0,W,H);g.fillStyle='#264';"
                + "for(let i=0;i<N*M;i++)if(L[i])g.fillRect((i%N)*10,Math.floor(i/N)*10,9,9);setTimeout(f,100);}f();",
        // keyboard-driven ship
        "let x=W/2,a=0;addEventListener('keydown',e=>{if(e.key==='ArrowRight')x+=30;if(e.key==='a')a+=1;});"
                + "function f(){g.fillStyle='#001';g.fillRect(0,0,W,H);g.fillStyle='#0f8';g.beginPath();g.moveTo(x,H-40);g.lineTo(x-20,H);g.lineTo(x+20,H);g.fill();"
                + "g.fillStyle='#ff0';g.fillText('score '+a,20,20);requestAnimationFrame(f);}f();",
    };

    private static final String P5 = """
            <!doctype html><html><head><script src="https://cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js"></script></head>
            <body style="margin:0"><script>
            function setup(){createCanvas(800,600);noStroke();}
            function draw(){background(15,20,40);for(let i=0;i<60;i++){fill((i*23+frameCount)%255,120,200);
            ellipse(400+300*sin(frameCount/40+i),300+200*cos(frameCount/55+i*1.7),12+random(8));}
            if(mouseIsPressed){fill(255);circle(mouseX,mouseY,60);}}
            </script></body></html>""";

    static List<String> all() {
        List<String> pages = new ArrayList<>();
        for (String body : BODIES) {
            pages.add(
                    "<!doctype html><html><body style=\"margin:0;overflow:hidden\"><canvas id=c width=800 height=600></canvas><script>"
                            + "const W=800,H=600,g=c.getContext('2d');" + body + "</script></body></html>");
        }
        pages.add(P5);
        return pages;
    }
}
